package dev.clipstream.ingest.events;

import dev.clipstream.schemas.avro.ClipUploaded;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The accepted-clip index, rebuilt from the clips topic itself: at start a consumer (no group, every partition)
 * reads the topic from the beginning into memory, and keeps tailing it, so clips accepted by other ingest
 * instances become known too. The topic is the only state, so the index survives restarts and is shared by every
 * instance without a store of its own.
 *
 * <p>Limits: memory grows with the clips inside the topic's retention (about 200 bytes each); a clip older than
 * the retention is forgotten, so its retry would be accepted again; two instances accepting the same clip id at the
 * same moment (before either sees the other's event) can both publish. Downstream consumers dedupe by clip id.
 */
public final class KafkaAcceptedClipIndex implements AcceptedClipIndex {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaAcceptedClipIndex.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(5);

    private final InMemoryAcceptedClipIndex clips = new InMemoryAcceptedClipIndex();
    private final String topic;
    private final Deserializer<ClipUploaded> deserializer;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Thread thread;
    private volatile boolean running = true;
    private volatile boolean caughtUp;
    private volatile String notReadyReason = "not started";

    private KafkaAcceptedClipIndex(String topic, Deserializer<ClipUploaded> deserializer,
                                   Map<String, Object> consumerConfig) {
        this.topic = topic;
        this.deserializer = deserializer;
        this.consumer = new KafkaConsumer<>(consumerConfig, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.thread = new Thread(this::run, "ingest-clip-index");
        this.thread.setDaemon(true);
    }

    /**
     * Starts loading in the background; {@link #ready()} turns true once the topic is read up to the end offsets
     * it had when loading began.
     *
     * @param overrides consumer settings from configuration (kafka.consumer.*), applied last
     */
    public static KafkaAcceptedClipIndex start(String bootstrapServers, String topic,
                                               Deserializer<ClipUploaded> deserializer, Map<String, String> overrides) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "ingest-clip-index");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) METADATA_TIMEOUT.toMillis());
        config.putAll(overrides);
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        KafkaAcceptedClipIndex index = new KafkaAcceptedClipIndex(topic, deserializer, config);
        index.thread.start();
        return index;
    }

    @Override
    public boolean ready() {
        return caughtUp;
    }

    /** Why {@link #ready()} is false, for /readyz. */
    public String notReadyReason() {
        return caughtUp ? "" : notReadyReason;
    }

    @Override
    public Optional<AcceptedClip> find(UUID clipId) {
        return clips.find(clipId);
    }

    @Override
    public void record(AcceptedClip clip) {
        clips.record(clip);
    }

    @Override
    public int size() {
        return clips.size();
    }

    private void run() {
        long startNanos = System.nanoTime();
        Map<TopicPartition, Long> loadUntil = null;
        boolean warned = false;
        while (running) {
            try {
                if (loadUntil == null) {
                    loadUntil = assignAll();
                    if (loadUntil == null) {
                        continue;
                    }
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                    remember(record);
                }
                if (!caughtUp && reached(loadUntil)) {
                    caughtUp = true;
                    LOG.info("Accepted-clip index loaded from topic '{}': {} clip(s) in {} ms; now tailing it",
                            topic, clips.size(), TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos));
                }
                warned = false;
            } catch (WakeupException e) {
                // close() asked to stop
            } catch (KafkaException e) {
                notReadyReason = "reading topic '" + topic + "' failed: " + e.getMessage();
                if (!warned) {
                    LOG.warn("Accepted-clip index cannot read topic '{}' (retrying): {}", topic, e.toString());
                    warned = true;
                }
            }
        }
        consumer.close(Duration.ofSeconds(2));
    }

    /** Assigns every partition from the beginning; null (and a reason) while the topic cannot be described. */
    private Map<TopicPartition, Long> assignAll() {
        notReadyReason = "waiting for the metadata of topic '" + topic + "'";
        List<PartitionInfo> partitions = consumer.partitionsFor(topic, METADATA_TIMEOUT);
        if (partitions == null || partitions.isEmpty()) {
            notReadyReason = "topic '" + topic + "' does not exist (yet); create the catalog topics first";
            pauseBriefly();
            return null;
        }
        List<TopicPartition> assigned = partitions.stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(assigned);
        consumer.seekToBeginning(assigned);
        Map<TopicPartition, Long> end = consumer.endOffsets(assigned, METADATA_TIMEOUT);
        notReadyReason = "loading accepted clips from topic '" + topic + "'";
        return end;
    }

    private boolean reached(Map<TopicPartition, Long> loadUntil) {
        for (Map.Entry<TopicPartition, Long> entry : loadUntil.entrySet()) {
            if (consumer.position(entry.getKey(), METADATA_TIMEOUT) < entry.getValue()) {
                return false;
            }
        }
        return true;
    }

    private void remember(ConsumerRecord<byte[], byte[]> record) {
        try {
            ClipUploaded event = deserializer.deserialize(record.topic(), record.headers(), record.value());
            if (event != null) {
                clips.record(AcceptedClip.of(event));
            }
        } catch (RuntimeException e) {
            LOG.warn("Skipping an unreadable record in topic '{}' partition {} offset {}: {}", record.topic(),
                    record.partition(), record.offset(), e.toString());
        }
    }

    private void pauseBriefly() {
        try {
            Thread.sleep(POLL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
