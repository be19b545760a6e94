package dev.clipstream.benchmarks;

import dev.clipstream.labeling.campaign.LabelAndMatch;
import dev.clipstream.labeling.label.SimulatedLabeler;
import dev.clipstream.labeling.topology.ClipCandidate;
import dev.clipstream.schemas.avro.BatchClip;
import dev.clipstream.schemas.avro.BatchCloseReason;
import dev.clipstream.schemas.avro.BatchOrigin;
import dev.clipstream.schemas.avro.BatchTotals;
import dev.clipstream.schemas.avro.ClipUploaded;
import dev.clipstream.schemas.avro.DatasetBatch;
import dev.clipstream.schemas.avro.DatasetManifest;
import dev.clipstream.schemas.avro.DatasetPartitionRange;
import dev.clipstream.schemas.avro.DatasetSelection;
import dev.clipstream.schemas.avro.DatasetTotals;
import dev.clipstream.schemas.avro.LabeledClip;
import dev.clipstream.schemas.avro.TrainingBatch;
import dev.clipstream.schemas.fixture.SampleRecords;
import dev.clipstream.schemas.topic.TopicCatalog;
import dev.clipstream.schemas.topic.TopicSpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Serializing and deserializing one value of each catalog topic through the topic's own serde (Confluent wire
 * format, Avro, schema id from an in-process registry).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SerdeBenchmark {

    /** Catalog topic names; {@code training.batches} carries a full batch of 100 clips, as labeling writes it. */
    @Param({"clips.uploaded", "clips.rejected", "clips.labeled", "training.batches", "campaigns", "backend.status",
        "dispatch.events", "datasets"})
    public String topic;

    private Serializer<Object> serializer;
    private Deserializer<Object> deserializer;
    private Object value;
    private byte[] encoded;

    @Setup
    @SuppressWarnings("unchecked")
    public void setUp() {
        TopicCatalog catalog = TopicCatalog.create(new InProcessRegistry(), true, TopicCatalog.DEVELOPMENT_REPLICATION_FACTOR);
        TopicSpec<String, Object> spec = (TopicSpec<String, Object>) catalog.byName(topic)
                .orElseThrow(() -> new IllegalArgumentException("No catalog topic " + topic));
        serializer = spec.valueSerde().serializer();
        deserializer = spec.valueSerde().deserializer();
        value = sample(topic);
        encoded = serializer.serialize(topic, value);
    }

    @Benchmark
    public byte[] serialize() {
        return serializer.serialize(topic, value);
    }

    @Benchmark
    public Object deserialize() {
        return deserializer.deserialize(topic, encoded);
    }

    /** The encoded value, for the smoke test. */
    byte[] encoded() {
        return encoded;
    }

    static Object sample(String topic) {
        return switch (topic) {
            case "clips.uploaded" -> BenchClips.generate(1, 1).get(0);
            case "clips.rejected" -> SampleRecords.clipRejected();
            case "clips.labeled", "clips.review" -> SampleRecords.labeledClip();
            case "training.batches" -> batchOf(BenchClips.generate(2, 100));
            case "campaigns" -> SampleRecords.campaign();
            case "backend.status" -> SampleRecords.backendStatus();
            case "dispatch.events" -> SampleRecords.dispatchEvent();
            case "datasets" -> manifest();
            default -> throw new IllegalArgumentException("No sample for topic " + topic);
        };
    }

    static ClipCandidate candidate(ClipUploaded clip) {
        LabeledClip labeled = LabeledClip.newBuilder()
                .setClip(LabelAndMatch.refOf(clip))
                .setCampaignIds(List.of("bench-everything"))
                .setLabels(new SimulatedLabeler().label(clip))
                .setLabeledAt(clip.getUploadedAt())
                .build();
        return new ClipCandidate(clip, labeled);
    }

    private static TrainingBatch batchOf(List<ClipUploaded> clips) {
        SimulatedLabeler labeler = new SimulatedLabeler();
        List<BatchClip> batchClips = new ArrayList<>();
        for (ClipUploaded clip : clips) {
            batchClips.add(BatchClip.newBuilder().setClip(LabelAndMatch.refOf(clip)).setLabels(labeler.label(clip))
                    .build());
        }
        return TrainingBatch.newBuilder()
                .setBatchId(SampleRecords.BATCH_ID)
                .setDatasetId("bench-everything")
                .setDatasetVersion(1)
                .setCampaignId("bench-everything")
                .setClips(batchClips)
                .setTotals(BatchTotals.newBuilder().setClipCount(clips.size())
                        .setTotalBytes(clips.stream().mapToLong(ClipUploaded::getByteSize).sum())
                        .setTotalVideoSeconds(clips.stream().mapToLong(ClipUploaded::getDurationMillis).sum() / 1000.0)
                        .build())
                .setCreatedAt(Instant.parse("2026-11-28T12:00:00Z"))
                .setCloseReason(BatchCloseReason.CLIP_COUNT_REACHED)
                .setOrigin(BatchOrigin.LIVE)
                .build();
    }

    private static DatasetManifest manifest() {
        List<DatasetBatch> batches = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            batches.add(DatasetBatch.newBuilder().setBatchId(new UUID(42, i)).setPartition(i % 3).setOffset(1000L + i)
                    .setCampaignId("unprotected-left-turns-eu").setClipCount(100).build());
        }
        List<DatasetPartitionRange> ranges = new ArrayList<>();
        for (int partition = 0; partition < 3; partition++) {
            ranges.add(DatasetPartitionRange.newBuilder().setPartition(partition).setStartOffset(0)
                    .setEndOffset(2000).setSnapshotEndOffset(2100).build());
        }
        return DatasetManifest.newBuilder()
                .setManifestId("left-turns-2026q4@v3")
                .setDatasetId("left-turns-2026q4")
                .setVersion(3)
                .setSourceTopic("training.batches")
                .setSelection(DatasetSelection.newBuilder().setCampaignIds(List.of("unprotected-left-turns-eu"))
                        .setLabelFilters(List.of("weather=RAIN")).setCreatedFrom(null).setCreatedTo(null).build())
                .setRanges(ranges)
                .setBatches(batches)
                .setTotals(DatasetTotals.newBuilder().setBatchCount(50).setClipCount(5000)
                        .setTotalBytes(94_371_840_000L).setTotalVideoSeconds(50_000).build())
                .setCreatedAt(Instant.parse("2026-11-28T12:00:00Z"))
                .build();
    }
}
