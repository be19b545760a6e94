package dev.clipstream.benchmarks;

import dev.clipstream.labeling.config.LabelingSettings;
import dev.clipstream.labeling.filter.DuplicateFilter;
import dev.clipstream.labeling.filter.DuplicateKey;
import dev.clipstream.labeling.filter.MetadataScreening;
import dev.clipstream.labeling.filter.PlausibilityRule;
import dev.clipstream.labeling.filter.PrivacyRule;
import dev.clipstream.labeling.topology.Screened;
import dev.clipstream.schemas.avro.ClipUploaded;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.processor.api.InternalFixedKeyRecordFactory;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Labeling's filters on one clip each, outside Kafka Streams: the metadata screening (plausibility and privacy
 * rules) and the duplicate filter by sha256, for a new clip (remembered) and for a repeated one (rejected).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class FilterBenchmark {

    private static final int POOL = 1 << 12;

    private List<FixedKeyRecord<String, ClipUploaded>> records;
    private CapturingFixedKeyContext<String, Screened<ClipUploaded>> screeningContext;
    private MetadataScreening screening;
    private CapturingFixedKeyContext<String, Screened<ClipUploaded>> newClipContext;
    private DuplicateFilter newClipFilter;
    private CapturingFixedKeyContext<String, Screened<ClipUploaded>> repeatContext;
    private DuplicateFilter repeatFilter;
    private int next;

    @Setup(Level.Iteration)
    public void setUp() {
        LabelingSettings settings = LabelingSettings.defaults();
        long now = System.currentTimeMillis();
        records = BenchClips.generate(11, POOL).stream()
                .map(clip -> InternalFixedKeyRecordFactory.create(new Record<>(clip.getSha256(), clip, now)))
                .toList();
        screeningContext = new CapturingFixedKeyContext<>(clockedMock());
        screening = new MetadataScreening(new PlausibilityRule(settings.plausibility()),
                new PrivacyRule(settings.allowedBlurModels()));
        screening.init(screeningContext);

        newClipContext = duplicateContext();
        newClipFilter = duplicateFilter(newClipContext, settings);
        repeatContext = duplicateContext();
        repeatFilter = duplicateFilter(repeatContext, settings);
        records.forEach(repeatFilter::process);
        next = 0;
    }

    @Benchmark
    public Object metadataScreening() {
        screening.process(nextRecord());
        return screeningContext.lastForwarded();
    }

    /** Every clip is new to the store (the store starts empty each iteration and has room for the pool). */
    @Benchmark
    public Object duplicateFilterNewClip() {
        if (next == POOL - 1) {
            // All of the pool is remembered now: start over with an empty store, outside the timed work's
            // common path (once per 4096 calls).
            newClipContext = duplicateContext();
            newClipFilter = duplicateFilter(newClipContext, LabelingSettings.defaults());
        }
        newClipFilter.process(nextRecord());
        return newClipContext.lastForwarded();
    }

    /** Every clip was seen before: the filter builds a DUPLICATE rejection. */
    @Benchmark
    public Object duplicateFilterRepeat() {
        repeatFilter.process(nextRecord());
        return repeatContext.lastForwarded();
    }

    private FixedKeyRecord<String, ClipUploaded> nextRecord() {
        next = (next + 1) & (POOL - 1);
        return records.get(next);
    }

    private static CapturingFixedKeyContext<String, Screened<ClipUploaded>> duplicateContext() {
        MockProcessorContext<String, Screened<ClipUploaded>> mock = clockedMock();
        InMemoryStores.timestamped(mock, DuplicateKey.SHA256.storeName(), Serdes.String(), Serdes.String());
        return new CapturingFixedKeyContext<>(mock);
    }

    private static MockProcessorContext<String, Screened<ClipUploaded>> clockedMock() {
        MockProcessorContext<String, Screened<ClipUploaded>> mock = new MockProcessorContext<>();
        long now = System.currentTimeMillis();
        mock.setCurrentSystemTimeMs(now);
        mock.setCurrentStreamTimeMs(now);
        return mock;
    }

    private static DuplicateFilter duplicateFilter(CapturingFixedKeyContext<String, Screened<ClipUploaded>> context,
                                                   LabelingSettings settings) {
        DuplicateFilter filter = new DuplicateFilter(DuplicateKey.SHA256, settings.duplicateWindow(),
                settings.purgeInterval());
        filter.init(context);
        return filter;
    }
}
