package dev.clipstream.labeling.filter;

import dev.clipstream.labeling.topology.Screened;
import dev.clipstream.schemas.avro.ClipUploaded;
import dev.clipstream.schemas.avro.RejectReason;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * Rejects a clip whose identity ({@link DuplicateKey}) was seen within the window. Input must be keyed by that
 * identity so that every occurrence meets the same store. The window is measured in record timestamps (so a
 * replay decides as the first run did); a wall-clock punctuation forgets entries older than the window behind
 * stream time, which bounds the store.
 */
public final class DuplicateFilter implements FixedKeyProcessor<String, ClipUploaded, Screened<ClipUploaded>> {

    private final DuplicateKey identity;
    private final long windowMillis;
    private final Duration purgeInterval;
    private FixedKeyProcessorContext<String, Screened<ClipUploaded>> context;
    private TimestampedKeyValueStore<String, String> seen;

    public DuplicateFilter(DuplicateKey identity, Duration window, Duration purgeInterval) {
        this.identity = identity;
        this.windowMillis = window.toMillis();
        this.purgeInterval = purgeInterval;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, Screened<ClipUploaded>> context) {
        this.context = context;
        this.seen = context.getStateStore(identity.storeName());
        context.schedule(purgeInterval, PunctuationType.WALL_CLOCK_TIME, now -> purgeExpired());
    }

    @Override
    public void process(FixedKeyRecord<String, ClipUploaded> record) {
        ClipUploaded clip = record.value();
        String key = identity.of(clip);
        ValueAndTimestamp<String> first = seen.get(key);
        if (first != null && record.timestamp() - first.timestamp() <= windowMillis) {
            context.forward(record.withValue(Screened.reject(Rejections.of(clip, RejectReason.DUPLICATE,
                    identity.detail(clip, first.value()), Rejections.DUPLICATES, context.currentSystemTimeMs()))));
            return;
        }
        seen.put(key, ValueAndTimestamp.make(identity.remembered(clip), record.timestamp()));
        context.forward(record.withValue(Screened.pass(clip)));
    }

    private void purgeExpired() {
        long oldestKept = context.currentStreamTimeMs() - windowMillis;
        List<String> expired = new ArrayList<>();
        try (KeyValueIterator<String, ValueAndTimestamp<String>> all = seen.all()) {
            while (all.hasNext()) {
                KeyValue<String, ValueAndTimestamp<String>> entry = all.next();
                if (entry.value.timestamp() < oldestKept) {
                    expired.add(entry.key);
                }
            }
        }
        expired.forEach(seen::delete);
    }
}
