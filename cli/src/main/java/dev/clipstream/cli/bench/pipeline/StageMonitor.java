package dev.clipstream.cli.bench.pipeline;

import dev.clipstream.schemas.avro.BatchClip;
import dev.clipstream.schemas.avro.ClipRejected;
import dev.clipstream.schemas.avro.DispatchDecision;
import dev.clipstream.schemas.avro.DispatchEvent;
import dev.clipstream.schemas.avro.LabeledClip;
import dev.clipstream.schemas.avro.TrainingBatch;
import dev.clipstream.schemas.topic.TopicCatalog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches the pipeline's topics like a downstream reader would: one read_committed consumer on clips.uploaded,
 * clips.labeled, clips.rejected, training.batches and dispatch.events, starting at their ends when the monitor starts
 * (so only this round's records count). It feeds a {@link ThroughputTimeline} (records per second per stage, at the time
 * they became visible) and a {@link LatencyTracker} (when each clip was labeled, rejected, batched, dispatched), and
 * keeps the value sizes of each stage's records.
 */
final class StageMonitor implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StageMonitor.class);
    private static final int MAX_SIZE_SAMPLES = 20_000;

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final TopicCatalog catalog;
    private volatile ThroughputTimeline timeline;
    private final LatencyTracker tracker;
    private final Map<Stage, List<Integer>> valueSizes = new EnumMap<>(Stage.class);
    private final Deserializer<LabeledClip> labeledDeserializer;
    private final Deserializer<ClipRejected> rejectedDeserializer;
    private final Deserializer<TrainingBatch> batchDeserializer;
    private final Deserializer<DispatchEvent> eventDeserializer;
    private final Thread thread;
    private final AtomicReference<Exception> failure = new AtomicReference<>();
    private volatile boolean running = true;

    private StageMonitor(String bootstrapServers, TopicCatalog catalog, LatencyTracker tracker) {
        this.catalog = catalog;
        this.tracker = tracker;
        for (Stage stage : Stage.values()) {
            valueSizes.put(stage, new ArrayList<>());
        }
        this.labeledDeserializer = catalog.clipsLabeled().valueSerde().deserializer();
        this.rejectedDeserializer = catalog.clipsRejected().valueSerde().deserializer();
        this.batchDeserializer = catalog.trainingBatches().valueSerde().deserializer();
        this.eventDeserializer = catalog.dispatchEvents().valueSerde().deserializer();
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        // Hand out records as soon as they are visible: the observation time is the latency's end point.
        props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "20");
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, "bench-pipeline-monitor");
        this.consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : List.of(catalog.clipsUploaded().name(), catalog.clipsLabeled().name(),
                catalog.clipsRejected().name(), catalog.trainingBatches().name(), catalog.dispatchEvents().name())) {
            for (PartitionInfo info : consumer.partitionsFor(topic, Duration.ofSeconds(30))) {
                partitions.add(new TopicPartition(topic, info.partition()));
            }
        }
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        // Resolve the end positions now, before any upload of the round is sent.
        for (TopicPartition partition : partitions) {
            consumer.position(partition, Duration.ofSeconds(30));
        }
        this.thread = new Thread(this::run, "bench-pipeline-monitor");
        this.thread.setDaemon(true);
    }

    /** A monitor positioned at the current ends of the topics; it reads nothing until {@link #begin}. */
    static StageMonitor open(String bootstrapServers, TopicCatalog catalog, LatencyTracker tracker) {
        return new StageMonitor(bootstrapServers, catalog, tracker);
    }

    /** Starts reading; records are counted into {@code timeline}. */
    void begin(ThroughputTimeline value) {
        this.timeline = value;
        thread.start();
    }

    private void run() {
        try {
            while (running) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(50));
                long now = System.nanoTime();
                for (ConsumerRecord<byte[], byte[]> record : records) {
                    handle(record, now);
                }
            }
        } catch (WakeupException e) {
            // close() asked to stop.
        } catch (Exception e) {
            LOG.error("The pipeline monitor failed", e);
            failure.set(e);
        } finally {
            consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
        }
    }

    private void handle(ConsumerRecord<byte[], byte[]> record, long now) {
        String topic = record.topic();
        if (record.value() == null) {
            return;
        }
        if (topic.equals(catalog.clipsUploaded().name())) {
            count(Stage.UPLOADED, record, now);
        } else if (topic.equals(catalog.clipsLabeled().name())) {
            count(Stage.LABELED, record, now);
            LabeledClip clip = labeledDeserializer.deserialize(topic, record.headers(), record.value());
            tracker.labeled(clip.getClip().getClipId(), now);
        } else if (topic.equals(catalog.clipsRejected().name())) {
            ClipRejected rejected = rejectedDeserializer.deserialize(topic, record.headers(), record.value());
            tracker.rejected(rejected.getClip().getClipId(), now);
        } else if (topic.equals(catalog.trainingBatches().name())) {
            count(Stage.BATCHED, record, now);
            TrainingBatch batch = batchDeserializer.deserialize(topic, record.headers(), record.value());
            List<UUID> clips = new ArrayList<>(batch.getClips().size());
            for (BatchClip clip : batch.getClips()) {
                clips.add(clip.getClip().getClipId());
            }
            tracker.batched(batch.getBatchId(), clips, now);
        } else if (topic.equals(catalog.dispatchEvents().name())) {
            count(Stage.DISPATCHED, record, now);
            DispatchEvent event = eventDeserializer.deserialize(topic, record.headers(), record.value());
            if (event.getDecision() == DispatchDecision.PLACED) {
                tracker.placed(event.getBatchId(), now);
            }
        }
    }

    private void count(Stage stage, ConsumerRecord<byte[], byte[]> record, long now) {
        timeline.record(stage, now, 1);
        List<Integer> sizes = valueSizes.get(stage);
        synchronized (sizes) {
            if (sizes.size() < MAX_SIZE_SAMPLES) {
                sizes.add(record.value().length);
            }
        }
    }

    /** Sizes of the record values seen on the stage's topic (wire format: 5-byte header + Avro body). */
    List<Integer> valueSizes(Stage stage) {
        List<Integer> sizes = valueSizes.get(stage);
        synchronized (sizes) {
            return List.copyOf(sizes);
        }
    }

    /** Throws if the monitor's consumer failed, so a round does not wait for records nobody reads. */
    void checkHealthy() {
        Exception e = failure.get();
        if (e != null) {
            throw new IllegalStateException("The pipeline monitor (read_committed consumer) failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        running = false;
        if (!thread.isAlive()) {
            // Never begun: the consumer is still ours to close.
            if (timeline == null) {
                consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
            }
            return;
        }
        consumer.wakeup();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
