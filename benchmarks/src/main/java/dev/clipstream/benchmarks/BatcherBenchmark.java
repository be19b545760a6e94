package dev.clipstream.benchmarks;

import dev.clipstream.labeling.batch.Batcher;
import dev.clipstream.labeling.batch.BatcherOutput;
import dev.clipstream.labeling.config.BatchLimits;
import dev.clipstream.labeling.topology.ClipCandidate;
import dev.clipstream.labeling.topology.InternalSerdes;
import dev.clipstream.schemas.avro.Campaign;
import dev.clipstream.schemas.avro.CampaignStatus;
import dev.clipstream.schemas.avro.TriggerRule;
import dev.clipstream.schemas.topic.TopicCatalog;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The batcher, per clip: one invocation feeds a whole batch (100 clips of one campaign, the default batch size),
 * which closes it at the clip limit and forwards the TrainingBatch; then the membership entries are purged by the
 * batcher's own punctuation, so that the next invocation's clips are new again. Stores are in memory; their values
 * go through the app's serdes (OpenBatch, BatchClip as framed Avro).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class BatcherBenchmark {

    static final int BATCH = 100;
    private static final String CAMPAIGN = "bench-everything";

    private MockProcessorContext<String, BatcherOutput> context;
    private Batcher batcher;
    private List<Record<String, ClipCandidate>> records;
    private MockProcessorContext.CapturedPunctuator purge;
    private long now;

    @Setup
    public void setUp() {
        TopicCatalog catalog = TopicCatalog.create(new InProcessRegistry(), true,
                TopicCatalog.DEVELOPMENT_REPLICATION_FACTOR);
        InternalSerdes internal = InternalSerdes.of(catalog);
        context = new MockProcessorContext<>();
        InMemoryStores.keyValue(context, Batcher.STATE_STORE, Serdes.String(), internal.openBatch());
        InMemoryStores.keyValue(context, Batcher.CLIPS_STORE, Serdes.String(), internal.batchClip());
        InMemoryStores.keyValue(context, Batcher.MEMBERS_STORE, Serdes.String(), Serdes.Long());
        String campaignStore = "campaigns";
        InMemoryStores.timestamped(context, campaignStore, Serdes.String(), catalog.campaigns().valueSerde())
                .put(CAMPAIGN, ValueAndTimestamp.make(campaign(), 0));
        Duration retention = Duration.ofDays(7);
        Duration purgeInterval = Duration.ofMinutes(1);
        batcher = new Batcher(new BatchLimits(BATCH, Long.MAX_VALUE, Duration.ofSeconds(60), Duration.ofSeconds(1)),
                campaignStore, 1, retention, purgeInterval);
        batcher.init(context);
        purge = context.scheduledPunctuators().stream()
                .filter(punctuator -> punctuator.getInterval().equals(purgeInterval))
                .findFirst().orElseThrow();
        now = System.currentTimeMillis();
        records = BenchClips.generate(17, BATCH).stream()
                .map(clip -> new Record<>(CAMPAIGN, SerdeBenchmark.candidate(clip), now))
                .toList();
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int batchOfHundredClips() {
        context.setCurrentSystemTimeMs(now);
        for (Record<String, ClipCandidate> record : records) {
            batcher.process(record);
        }
        int forwarded = context.forwarded().size();
        context.resetForwards();
        // Forget this batch's (campaign, clip) pairs so that the same clips are new to the next invocation.
        purge.getPunctuator().punctuate(now + Duration.ofDays(8).toMillis());
        return forwarded;
    }


    private static Campaign campaign() {
        return Campaign.newBuilder().setCampaignId(CAMPAIGN).setName("Benchmark: every clip")
                .setDescription("Catch-all campaign").setTrigger(TriggerRule.newBuilder().build())
                .setTargetClipCount(Integer.MAX_VALUE).setPriority(0).setStatus(CampaignStatus.ACTIVE)
                .setCreatedAt(Instant.parse("2026-11-01T00:00:00Z")).setExpiresAt(null).build();
    }
}
