package dev.clipstream.labeling.batch;

import dev.clipstream.schemas.avro.ClipRejected;
import dev.clipstream.schemas.avro.RejectReason;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * Rejects a clip once every campaign it was matched to has declined it (keyed by clip id, so all declines of a
 * clip meet here). A clip that at least one campaign batched is never rejected. The reason is
 * CAMPAIGN_QUOTA_REACHED when any campaign was full, else NO_ACTIVE_CAMPAIGN; the detail lists every decline.
 */
public final class DeclineTally implements FixedKeyProcessor<String, ClipRejected, ClipRejected> {

    public static final String STORE = "batch-declines";
    public static final String COUNT_STORE = "batch-decline-counts";

    private final Duration retention;
    private final Duration purgeInterval;
    private FixedKeyProcessorContext<String, ClipRejected> context;
    private TimestampedKeyValueStore<String, ClipRejected> pending;
    private KeyValueStore<String, Integer> counts;

    public DeclineTally(Duration retention, Duration purgeInterval) {
        this.retention = retention;
        this.purgeInterval = purgeInterval;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, ClipRejected> context) {
        this.context = context;
        this.pending = context.getStateStore(STORE);
        this.counts = context.getStateStore(COUNT_STORE);
        context.schedule(purgeInterval, PunctuationType.WALL_CLOCK_TIME, this::forgetStale);
    }

    @Override
    public void process(FixedKeyRecord<String, ClipRejected> record) {
        int matched = matchedCampaigns(record);
        ClipRejected declined = record.value();
        ValueAndTimestamp<ClipRejected> earlier = pending.get(record.key());
        ClipRejected merged = earlier == null ? declined : merge(earlier.value(), declined);
        Integer before = counts.get(record.key());
        int declines = (before == null ? 0 : before) + 1;
        if (declines >= matched) {
            pending.delete(record.key());
            counts.delete(record.key());
            context.forward(record.withValue(merged));
        } else {
            pending.put(record.key(), ValueAndTimestamp.make(merged, context.currentSystemTimeMs()));
            counts.put(record.key(), declines);
        }
    }

    private static ClipRejected merge(ClipRejected earlier, ClipRejected next) {
        RejectReason reason = earlier.getReason() == RejectReason.CAMPAIGN_QUOTA_REACHED
                ? RejectReason.CAMPAIGN_QUOTA_REACHED : next.getReason();
        return ClipRejected.newBuilder(next)
                .setReason(reason)
                .setDetail(earlier.getDetail() + "; " + next.getDetail())
                .build();
    }

    private static int matchedCampaigns(FixedKeyRecord<String, ClipRejected> record) {
        Header header = record.headers().lastHeader(BatcherOutput.MATCHED_CAMPAIGNS_HEADER);
        return header == null || header.value().length != Integer.BYTES ? 1 : ByteBuffer.wrap(header.value()).getInt();
    }

    private void forgetStale(long now) {
        long oldestKept = now - retention.toMillis();
        List<String> stale = new ArrayList<>();
        try (KeyValueIterator<String, ValueAndTimestamp<ClipRejected>> all = pending.all()) {
            while (all.hasNext()) {
                KeyValue<String, ValueAndTimestamp<ClipRejected>> entry = all.next();
                if (entry.value.timestamp() < oldestKept) {
                    stale.add(entry.key);
                }
            }
        }
        stale.forEach(key -> {
            pending.delete(key);
            counts.delete(key);
        });
    }
}
