package dev.clipstream.schemas.topic;

import dev.clipstream.schemas.avro.BackendStatus;
import dev.clipstream.schemas.avro.Campaign;
import dev.clipstream.schemas.avro.ClipRejected;
import dev.clipstream.schemas.avro.ClipUploaded;
import dev.clipstream.schemas.avro.DatasetManifest;
import dev.clipstream.schemas.avro.DispatchEvent;
import dev.clipstream.schemas.avro.LabeledClip;
import dev.clipstream.schemas.avro.TrainingBatch;
import dev.clipstream.schemas.serde.AvroSerdes;
import dev.clipstream.schemas.serde.HttpSchemaRegistryClient;
import dev.clipstream.schemas.serde.SchemaRegistryClient;
import dev.clipstream.schemas.serde.SerdeSettings;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.Serdes;

/**
 * Every Clipstream topic. An instance binds the topics' serdes to one schema registry (one shared client, so
 * all serdes share its caches); build one per application from its settings.
 */
public final class TopicCatalog {

    // Largest value each topic's deserializer accepts (header included); a larger one is poison and goes to the
    // dead-letter topic. Each is about 10x or more the largest record a Clipstream producer writes there, so only a
    // broken or hostile producer reaches it, and far below the broker's 1 MiB default so that such a record is
    // refused before it is decoded. Sizes below: the Avro encoding of the test fixtures' records with the simulated
    // labeler's labels, measured when the limits were set.

    /**
     * Clip records (ClipUploaded, ClipRejected, LabeledClip): ~370 B typical. Everything variable in them comes from
     * the upload's metadata, which ingest caps at 16,384 base64url characters (12 KB of JSON) by default, 60,000
     * (45 KB) at most, with strings of at most 256 characters and at most 64 campaign ids: under 52 KB even with
     * 3-byte characters everywhere. 512 KiB is 10x that.
     */
    public static final int CLIP_MAX_BYTES = 512 * 1024;
    /**
     * TrainingBatch: ~370 B per clip, 36 KB for a full batch of 100 clips (labeling.batch.max.clips's default).
     * 512 KiB is 14x that and holds ~1,400 such clips; batches of more clips need this raised (and the broker's
     * 1 MiB limit stops them at ~2,800 clips anyway).
     */
    public static final int BATCH_MAX_BYTES = 512 * 1024;
    /**
     * Campaigns (~120 B with a one-line description), backend status and dispatch events (fixed shape, a few
     * hundred bytes): 64 KiB is over 100x that, room for a campaign description of several pages.
     */
    public static final int SMALL_RECORD_MAX_BYTES = 64 * 1024;
    /**
     * DatasetManifest: ~70 B per batch of the dataset, with no bound of its own; the broker's default
     * message.max.bytes (1 MiB) is the only one, so it is the limit here too (no tighter check is honest).
     */
    public static final int MANIFEST_MAX_BYTES = 1024 * 1024;

    /** Replication factor of a single-broker development cluster. */
    public static final short DEVELOPMENT_REPLICATION_FACTOR = 1;

    private final short replicationFactor;
    private final SchemaRegistryClient registry;
    private final boolean autoRegister;

    private final TopicSpec<String, ClipUploaded> clipsUploaded;
    private final TopicSpec<String, ClipRejected> clipsRejected;
    private final TopicSpec<String, LabeledClip> clipsLabeled;
    private final TopicSpec<String, LabeledClip> clipsReview;
    private final TopicSpec<String, TrainingBatch> trainingBatches;
    private final TopicSpec<String, Campaign> campaigns;
    private final TopicSpec<String, BackendStatus> backendStatus;
    private final TopicSpec<String, DispatchEvent> dispatchEvents;
    private final TopicSpec<String, DatasetManifest> datasets;
    private final TopicSpec<byte[], byte[]> deadLetter;

    private TopicCatalog(SchemaRegistryClient registry, boolean autoRegister, short replicationFactor) {
        this.registry = registry;
        this.autoRegister = autoRegister;
        this.replicationFactor = replicationFactor;
        clipsUploaded = avro("clips.uploaded", ClipUploaded.class, 6, retention(Duration.ofDays(7)), CLIP_MAX_BYTES,
                "Every accepted clip upload; key = pseudonymous vehicle id.", "ingest", List.of("labeling"));
        clipsRejected = avro("clips.rejected", ClipRejected.class, 3, retention(Duration.ofDays(30)), CLIP_MAX_BYTES,
                "Clips a filter refused, with the reason; key = vehicle id.", "labeling", List.of("audit / replay"));
        clipsLabeled = avro("clips.labeled", LabeledClip.class, 6, retention(Duration.ofDays(7)), CLIP_MAX_BYTES,
                "Clips that passed the filters, with their labels; key = vehicle id.", "labeling",
                List.of("labeling (batcher)"));
        clipsReview = avro("clips.review", LabeledClip.class, 3, retention(Duration.ofDays(30)), CLIP_MAX_BYTES,
                "Labeled clips whose labels need a human review (low confidence); key = vehicle id.", "labeling",
                List.of("human review tooling"));
        trainingBatches = avro("training.batches", TrainingBatch.class, 3, retention(Duration.ofDays(90)),
                BATCH_MAX_BYTES, "Closed training batches ready for placement; key = batch id.", "labeling (batcher)",
                List.of("training-dispatch"));
        campaigns = avro("campaigns", Campaign.class, 1, compacted(), SMALL_RECORD_MAX_BYTES,
                "Latest state of every data-collection campaign; key = campaign id.", "cli (campaign admin)",
                List.of("labeling"));
        backendStatus = avro("backend.status", BackendStatus.class, 1, compacted(), SMALL_RECORD_MAX_BYTES,
                "Latest availability and capacity of every training backend; key = backend id.",
                "training-backends (when given a broker)", List.of("operators, dashboards"));
        dispatchEvents = avro("dispatch.events", DispatchEvent.class, 3, retention(Duration.ofDays(90)),
                SMALL_RECORD_MAX_BYTES,
                "Every placement decision and outcome of a batch (audit trail); key = batch id.",
                "training-dispatch", List.of("training-dispatch", "audit"));
        datasets = avro("datasets", DatasetManifest.class, 1, compacted(), MANIFEST_MAX_BYTES,
                "Dataset manifests for retraining (offset ranges + batch ids); key = '<datasetId>@v<version>'.",
                "replay", List.of("replay"));
        deadLetter = new TopicSpec<>("clipstream.dead-letter", byte[].class, byte[].class, Serdes.ByteArray(),
                Serdes.ByteArray(), 1, replicationFactor, withDurability(retention(Duration.ofDays(30))),
                "Records no service could process, as raw bytes with source topic/partition/offset/error headers.",
                "all services", List.of("operators"));
    }

    /** A catalog for a single-broker development cluster (replication factor 1). */
    public static TopicCatalog create(SerdeSettings settings) {
        return create(settings, DEVELOPMENT_REPLICATION_FACTOR);
    }

    public static TopicCatalog create(SerdeSettings settings, short replicationFactor) {
        return create(new HttpSchemaRegistryClient(settings.registryUrl()), settings.autoRegister(), replicationFactor);
    }

    /** A catalog whose serdes use {@code registry}; tests pass an in-memory registry here. */
    public static TopicCatalog create(SchemaRegistryClient registry, boolean autoRegister, short replicationFactor) {
        if (replicationFactor < 1) {
            throw new IllegalArgumentException("Replication factor must be >= 1, was " + replicationFactor);
        }
        return new TopicCatalog(registry, autoRegister, replicationFactor);
    }

    public TopicSpec<String, ClipUploaded> clipsUploaded() {
        return clipsUploaded;
    }

    public TopicSpec<String, ClipRejected> clipsRejected() {
        return clipsRejected;
    }

    public TopicSpec<String, LabeledClip> clipsLabeled() {
        return clipsLabeled;
    }

    public TopicSpec<String, LabeledClip> clipsReview() {
        return clipsReview;
    }

    public TopicSpec<String, TrainingBatch> trainingBatches() {
        return trainingBatches;
    }

    public TopicSpec<String, Campaign> campaigns() {
        return campaigns;
    }

    public TopicSpec<String, BackendStatus> backendStatus() {
        return backendStatus;
    }

    public TopicSpec<String, DispatchEvent> dispatchEvents() {
        return dispatchEvents;
    }

    public TopicSpec<String, DatasetManifest> datasets() {
        return datasets;
    }

    public TopicSpec<byte[], byte[]> deadLetter() {
        return deadLetter;
    }

    /** All topics, in pipeline order. */
    public List<TopicSpec<?, ?>> all() {
        return List.of(clipsUploaded, clipsRejected, clipsLabeled, clipsReview, trainingBatches, campaigns,
                backendStatus, dispatchEvents, datasets, deadLetter);
    }

    public Optional<TopicSpec<?, ?>> byName(String name) {
        return all().stream().filter(t -> t.name().equals(name)).findFirst();
    }

    /** The registry client the catalog's serdes share. */
    public SchemaRegistryClient registry() {
        return registry;
    }

    public short replicationFactor() {
        return replicationFactor;
    }

    /** The catalog as a Markdown table (name | key | value | partitions | retention/compaction | producer | consumers). */
    public String toMarkdownTable() {
        return TopicTableRenderer.markdown(all());
    }

    private <V extends SpecificRecord> TopicSpec<String, V> avro(String name, Class<V> valueType, int partitions,
                                                                 Map<String, String> configs, int maxValueBytes,
                                                                 String description, String producer,
                                                                 List<String> consumers) {
        return new TopicSpec<>(name, String.class, valueType, Serdes.String(),
                AvroSerdes.specific(valueType, registry, autoRegister, false, maxValueBytes), partitions,
                replicationFactor,
                withDurability(configs), description, producer, consumers);
    }

    private Map<String, String> withDurability(Map<String, String> configs) {
        Map<String, String> all = new LinkedHashMap<>(configs);
        if (replicationFactor >= 3) {
            // acks=all then survives one broker loss without losing writes.
            all.put(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, "2");
        }
        return all;
    }

    private static Map<String, String> retention(Duration retention) {
        return Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE,
                TopicConfig.RETENTION_MS_CONFIG, Long.toString(retention.toMillis()));
    }

    private static Map<String, String> compacted() {
        return Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT,
                // Keep tombstones a day so slow consumers still see deletions.
                TopicConfig.DELETE_RETENTION_MS_CONFIG, Long.toString(Duration.ofDays(1).toMillis()));
    }
}
