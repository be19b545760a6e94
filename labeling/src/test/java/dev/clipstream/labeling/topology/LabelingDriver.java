package dev.clipstream.labeling.topology;

import dev.clipstream.labeling.app.LabelingStreamsConfig;
import dev.clipstream.labeling.config.LabelingSettings;
import dev.clipstream.labeling.label.Labeler;
import dev.clipstream.labeling.label.SimulatedLabeler;
import dev.clipstream.schemas.avro.Campaign;
import dev.clipstream.schemas.avro.ClipRejected;
import dev.clipstream.schemas.avro.ClipUploaded;
import dev.clipstream.schemas.avro.LabeledClip;
import dev.clipstream.schemas.avro.TrainingBatch;
import dev.clipstream.schemas.serde.InMemorySchemaRegistryClient;
import dev.clipstream.schemas.topic.TopicCatalog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.internals.WrappedStateStore;

/**
 * The labeling topology in a TopologyTestDriver with an in-memory schema registry, the app's own Streams
 * properties (exactly-once, dead-letter handlers) and a controlled wall clock starting at {@link #START}.
 */
public final class LabelingDriver implements AutoCloseable {

    public static final Instant START = Instant.parse("2026-11-29T02:00:00Z");

    private final TopicCatalog topics;
    private final TopologyTestDriver driver;
    private final TestInputTopic<String, ClipUploaded> uploaded;
    private final TestInputTopic<byte[], byte[]> uploadedRaw;
    private final TestInputTopic<String, Campaign> campaigns;
    private final TestOutputTopic<String, ClipRejected> rejected;
    private final TestOutputTopic<String, LabeledClip> labeled;
    private final TestOutputTopic<String, LabeledClip> review;
    private final TestOutputTopic<String, TrainingBatch> batches;
    private final TestOutputTopic<byte[], byte[]> deadLetter;
    private Instant recordTime = START;

    public LabelingDriver(LabelingSettings settings) {
        this(settings, new SimulatedLabeler());
    }

    public LabelingDriver(LabelingSettings settings, Labeler labeler) {
        topics = TopicCatalog.create(new InMemorySchemaRegistryClient(1), true, (short) 1);
        Properties props = LabelingStreamsConfig.properties("labeling-test", "unused:9092",
                topics.deadLetter().name(), (short) 1, Map.of());
        props.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, "0");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir());
        driver = new TopologyTestDriver(LabelingTopology.build(topics, settings, labeler, LabelingEvents.NONE),
                props, START);
        uploaded = driver.createInputTopic(topics.clipsUploaded().name(), Serdes.String().serializer(),
                topics.clipsUploaded().valueSerde().serializer());
        uploadedRaw = driver.createInputTopic(topics.clipsUploaded().name(), new ByteArraySerializer(),
                new ByteArraySerializer());
        campaigns = driver.createInputTopic(topics.campaigns().name(), Serdes.String().serializer(),
                topics.campaigns().valueSerde().serializer());
        rejected = driver.createOutputTopic(topics.clipsRejected().name(), Serdes.String().deserializer(),
                topics.clipsRejected().valueSerde().deserializer());
        labeled = driver.createOutputTopic(topics.clipsLabeled().name(), Serdes.String().deserializer(),
                topics.clipsLabeled().valueSerde().deserializer());
        review = driver.createOutputTopic(topics.clipsReview().name(), Serdes.String().deserializer(),
                topics.clipsReview().valueSerde().deserializer());
        batches = driver.createOutputTopic(topics.trainingBatches().name(), Serdes.String().deserializer(),
                topics.trainingBatches().valueSerde().deserializer());
        deadLetter = driver.createOutputTopic(topics.deadLetter().name(), new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
    }

    private static String stateDir() {
        try {
            return Files.createTempDirectory("labeling-ttd").toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends a clip with a record timestamp one second after the previous one. */
    public void upload(ClipUploaded clip) {
        recordTime = recordTime.plusSeconds(1);
        uploaded.pipeInput(clip.getVehicleId(), clip, recordTime);
    }

    public void uploadAt(ClipUploaded clip, Instant timestamp) {
        recordTime = timestamp;
        uploaded.pipeInput(clip.getVehicleId(), clip, timestamp);
    }

    public void uploadRaw(byte[] key, byte[] value) {
        uploadedRaw.pipeInput(key, value);
    }

    public void campaign(Campaign campaign) {
        campaigns.pipeInput(campaign.getCampaignId(), campaign);
    }

    /**
     * Writes {@code value} as it is into the campaigns store, past the topic's deserializer and the deserialization
     * handler, as Kafka Streams does when it restores the global store from the campaigns topic at start.
     */
    @SuppressWarnings("unchecked")
    public void restoreRawCampaign(String key, byte[] value) {
        StateStore metered = driver.getAllStateStores().get(LabelingTopology.CAMPAIGN_STORE);
        KeyValueStore<Bytes, byte[]> bytes = (KeyValueStore<Bytes, byte[]>) ((WrappedStateStore<?, ?, ?>) metered)
                .wrapped();
        // The store is timestamped: an 8-byte record timestamp, then the value.
        byte[] stored = ByteBuffer.allocate(Long.BYTES + value.length).putLong(recordTime.toEpochMilli())
                .put(value).array();
        bytes.put(Bytes.wrap(key.getBytes(StandardCharsets.UTF_8)), stored);
    }

    public void advanceWallClock(Duration duration) {
        driver.advanceWallClockTime(duration);
    }

    public TestOutputTopic<String, ClipRejected> rejected() {
        return rejected;
    }

    public TestOutputTopic<String, LabeledClip> labeled() {
        return labeled;
    }

    public TestOutputTopic<String, LabeledClip> review() {
        return review;
    }

    public TestOutputTopic<String, TrainingBatch> batches() {
        return batches;
    }

    public TestOutputTopic<byte[], byte[]> deadLetter() {
        return deadLetter;
    }

    public TopicCatalog topics() {
        return topics;
    }

    @Override
    public void close() {
        driver.close();
    }
}
