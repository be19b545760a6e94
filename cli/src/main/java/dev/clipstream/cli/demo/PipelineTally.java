package dev.clipstream.cli.demo;

import dev.clipstream.schemas.avro.BatchClip;
import dev.clipstream.schemas.avro.ClipRejected;
import dev.clipstream.schemas.avro.ClipUploaded;
import dev.clipstream.schemas.avro.DispatchDecision;
import dev.clipstream.schemas.avro.DispatchEvent;
import dev.clipstream.schemas.avro.LabeledClip;
import dev.clipstream.schemas.avro.TrainingBatch;
import dev.clipstream.schemas.topic.TopicCatalog;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the pipeline's topics as a downstream consumer would — read_committed, so only what the services committed
 * counts — and keeps per-clip facts (clips.uploaded, clips.rejected, clips.labeled, training.batches) and per-batch
 * dispatch facts (dispatch.events). No consumer group: it assigns every partition and reads from the beginning.
 */
final class PipelineTally implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PipelineTally.class);
    private static final Set<DispatchDecision> FAILED_ATTEMPT = Set.of(DispatchDecision.FAILED,
            DispatchDecision.PREEMPTED, DispatchDecision.CANCELLED);

    /** A job submitted to a backend, at the time the dispatcher recorded it. */
    record Placement(String batchId, String backend, Instant at) {
    }

    private final TopicCatalog catalog;
    private final String bootstrapServers;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Thread thread;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private volatile boolean running = true;
    private volatile RuntimeException failure;

    // Guarded by this.
    private final Map<String, MutableClip> clips = new LinkedHashMap<>();
    private final Map<String, Integer> batchClipCounts = new HashMap<>();
    private final Map<String, String> completedOn = new HashMap<>();
    private final Map<String, Long> placedByBackend = new HashMap<>();
    private final Map<String, Long> failedByBackend = new HashMap<>();
    private final List<Placement> placements = new ArrayList<>();
    private final Set<String> labeledClipIds = new HashSet<>();
    private final Map<TopicPartition, Long> positions = new HashMap<>();

    private static final class MutableClip {
        int partition = -1;
        long offset = -1;
        String rejectReason;
        Instant labeledAt;
        int batches;
    }

    PipelineTally(String bootstrapServers, TopicCatalog catalog) {
        this.catalog = catalog;
        this.bootstrapServers = bootstrapServers;
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, IsolationLevel.READ_COMMITTED.toString());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "clipstream-demo-tally");
        this.consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        List<TopicPartition> partitions = new ArrayList<>();
        for (String topic : topics()) {
            for (PartitionInfo info : consumer.partitionsFor(topic, Duration.ofSeconds(30))) {
                partitions.add(new TopicPartition(topic, info.partition()));
            }
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        this.thread = new Thread(this::pollLoop, "clipstream-demo-tally");
        thread.setDaemon(true);
        thread.start();
    }

    private List<String> topics() {
        return List.of(catalog.clipsUploaded().name(), catalog.clipsRejected().name(), catalog.clipsLabeled().name(),
                catalog.trainingBatches().name(), catalog.dispatchEvents().name());
    }

    private void pollLoop() {
        try {
            while (running) {
                var records = consumer.poll(Duration.ofMillis(200));
                synchronized (this) {
                    for (ConsumerRecord<byte[], byte[]> record : records) {
                        apply(record);
                    }
                    for (TopicPartition partition : consumer.assignment()) {
                        positions.put(partition, consumer.position(partition));
                    }
                    notifyAll();
                }
            }
        } catch (WakeupException e) {
            // close() woke us.
        } catch (RuntimeException e) {
            failure = e;
            LOG.error("Reading the pipeline topics failed", e);
        } finally {
            consumer.close(Duration.ofSeconds(2));
            stopped.countDown();
        }
    }

    private void apply(ConsumerRecord<byte[], byte[]> record) {
        String topic = record.topic();
        if (record.value() == null) {
            return;
        }
        if (topic.equals(catalog.clipsUploaded().name())) {
            ClipUploaded clip = catalog.clipsUploaded().valueSerde().deserializer().deserialize(topic, record.value());
            MutableClip facts = clip(clip.getClipId().toString());
            if (facts.offset < 0) {
                facts.partition = record.partition();
                facts.offset = record.offset();
            }
        } else if (topic.equals(catalog.clipsRejected().name())) {
            ClipRejected rejected = catalog.clipsRejected().valueSerde().deserializer().deserialize(topic,
                    record.value());
            MutableClip facts = clip(rejected.getClip().getClipId().toString());
            if (facts.rejectReason == null) {
                facts.rejectReason = rejected.getReason().name();
            }
        } else if (topic.equals(catalog.clipsLabeled().name())) {
            LabeledClip labeled = catalog.clipsLabeled().valueSerde().deserializer().deserialize(topic, record.value());
            String clipId = labeled.getClip().getClipId().toString();
            labeledClipIds.add(clipId);
            MutableClip facts = clip(clipId);
            if (facts.labeledAt == null) {
                facts.labeledAt = labeled.getLabeledAt();
            }
        } else if (topic.equals(catalog.trainingBatches().name())) {
            TrainingBatch batch = catalog.trainingBatches().valueSerde().deserializer().deserialize(topic,
                    record.value());
            String batchId = batch.getBatchId().toString();
            if (batchClipCounts.putIfAbsent(batchId, batch.getClips().size()) == null) {
                for (BatchClip clip : batch.getClips()) {
                    clip(clip.getClip().getClipId().toString()).batches++;
                }
            }
        } else if (topic.equals(catalog.dispatchEvents().name())) {
            DispatchEvent event = catalog.dispatchEvents().valueSerde().deserializer().deserialize(topic,
                    record.value());
            applyDispatch(event);
        }
    }

    private void applyDispatch(DispatchEvent event) {
        String batchId = event.getBatchId().toString();
        String backend = event.getBackendId() == null ? "none" : event.getBackendId();
        DispatchDecision decision = event.getDecision();
        if (decision == DispatchDecision.PLACED) {
            placedByBackend.merge(backend, 1L, Long::sum);
            placements.add(new Placement(batchId, backend, event.getEventTime()));
        } else if (decision == DispatchDecision.COMPLETED) {
            completedOn.putIfAbsent(batchId, backend);
        } else if (FAILED_ATTEMPT.contains(decision)) {
            failedByBackend.merge(backend, 1L, Long::sum);
        }
    }

    private MutableClip clip(String clipId) {
        return clips.computeIfAbsent(clipId, id -> new MutableClip());
    }

    /** The accepted clips seen so far (those with a record on clips.uploaded). */
    synchronized List<ClipFacts> clips() {
        List<ClipFacts> result = new ArrayList<>(clips.size());
        clips.forEach((id, c) -> {
            if (c.offset >= 0) {
                result.add(new ClipFacts(id, c.partition, c.offset, c.rejectReason, c.labeledAt, c.batches));
            }
        });
        return result;
    }

    synchronized long labeled() {
        return labeledClipIds.size();
    }

    synchronized DispatchTotals dispatch() {
        long clipSlots = batchClipCounts.values().stream().mapToLong(Integer::longValue).sum();
        Map<String, Long> completedByBackend = new HashMap<>();
        long completedClips = 0;
        for (Map.Entry<String, String> entry : completedOn.entrySet()) {
            completedByBackend.merge(entry.getValue(), 1L, Long::sum);
            completedClips += batchClipCounts.getOrDefault(entry.getKey(), 0);
        }
        return new DispatchTotals(batchClipCounts.size(), clipSlots, placedByBackend, failedByBackend,
                completedByBackend, completedClips);
    }

    /** Placements on a backend recorded at or after {@code from} (and before {@code to}, if not null). */
    synchronized long placementsOn(String backend, Instant from, Instant to) {
        return placements.stream().filter(p -> p.backend().equals(backend) && !p.at().isBefore(from)
                && (to == null || p.at().isBefore(to))).count();
    }

    /**
     * Blocks until everything committed on the topics before this call has been read (or the timeout passes).
     *
     * @return true when caught up
     */
    boolean catchUp(Duration timeout) throws InterruptedException {
        Map<TopicPartition, Long> ends;
        try (KafkaConsumer<byte[], byte[]> probe = endOffsetProbe()) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : topics()) {
                for (PartitionInfo info : probe.partitionsFor(topic, Duration.ofSeconds(10))) {
                    partitions.add(new TopicPartition(topic, info.partition()));
                }
            }
            // With read_committed, endOffsets are the last stable offsets: what a committed read can reach.
            ends = probe.endOffsets(partitions, Duration.ofSeconds(10));
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (this) {
            while (!reached(ends)) {
                if (failure != null) {
                    throw failure;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(this, Math.min(left, TimeUnit.MILLISECONDS.toNanos(500)));
            }
        }
        return true;
    }

    private boolean reached(Map<TopicPartition, Long> ends) {
        return ends.entrySet().stream().allMatch(e -> positions.getOrDefault(e.getKey(), 0L) >= e.getValue());
    }

    private KafkaConsumer<byte[], byte[]> endOffsetProbe() {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, IsolationLevel.READ_COMMITTED.toString());
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "clipstream-demo-tally-ends");
        return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            if (!stopped.await(10, TimeUnit.SECONDS)) {
                LOG.warn("The demo's topic reader did not stop within 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
