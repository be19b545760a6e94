package dev.clipstream.replay.publish;

import dev.clipstream.replay.ReplayClients;
import dev.clipstream.replay.ReplayTopics;
import dev.clipstream.replay.manifest.OffsetRange;
import dev.clipstream.replay.manifest.SelectedBatch;
import dev.clipstream.replay.manifest.SnapshotReader;
import dev.clipstream.replay.selection.DatasetIds;
import dev.clipstream.schemas.avro.DatasetManifest;
import dev.clipstream.schemas.avro.DatasetPartitionRange;
import dev.clipstream.schemas.avro.TrainingBatch;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes a manifest's batches to the batches topic as REPLAY copies, exactly once across interruptions.
 *
 * <p>How: one transactional.id per manifest. {@code initTransactions()} fences any earlier run of the same manifest
 * and aborts its open transaction; then the batches topic is read (read_committed) from the manifest's snapshot end
 * offsets, where every copy of this manifest must lie, to find the copies earlier runs committed. Those are
 * skipped, the rest are sent in transactions of {@code transactionSize} batches. A crash loses at most the open
 * transaction, which a rerun aborts and redoes; a committed copy is never sent twice.
 */
public final class ReplayPublisher {

    private static final Logger LOG = LoggerFactory.getLogger(ReplayPublisher.class);

    private final ReplayClients clients;
    private final ReplayTopics topics;
    private final int transactionSize;
    private final Duration stallTimeout;

    public ReplayPublisher(ReplayClients clients, ReplayTopics topics, int transactionSize, Duration stallTimeout) {
        if (transactionSize < 1) {
            throw new IllegalArgumentException("Transaction size must be >= 1, was " + transactionSize);
        }
        this.clients = clients;
        this.topics = topics;
        this.transactionSize = transactionSize;
        this.stallTimeout = stallTimeout;
    }

    /**
     * Original batch ids of the manifest whose copies are already committed. Only exact before any run of this
     * manifest is active (the publisher itself calls it after fencing).
     */
    public Set<String> alreadyPublished(DatasetManifest manifest) {
        Map<String, String> originalByCopy = new HashMap<>();
        for (String original : manifestBatchIds(manifest)) {
            originalByCopy.put(DatasetIds.replayBatchId(manifest.getManifestId(), original).toString(), original);
        }
        Set<String> published = new HashSet<>();
        try (SnapshotReader<TrainingBatch> reader = new SnapshotReader<>(clients, topics.batches(),
                topics.batchSerde().deserializer(), "clipstream-replay-resume", stallTimeout)) {
            Map<Integer, Long> end = reader.endOffsets();
            Map<Integer, OffsetRange> ranges = new HashMap<>();
            for (DatasetPartitionRange range : manifest.getRanges()) {
                long from = range.getSnapshotEndOffset();
                long to = end.getOrDefault(range.getPartition(), from);
                ranges.put(range.getPartition(), new OffsetRange(Math.min(from, to), to));
            }
            reader.read(ranges, record -> {
                TrainingBatch batch = record.value();
                if (batch != null && ReplayBatches.belongsTo(batch, manifest)) {
                    String original = originalByCopy.get(batch.getBatchId().toString());
                    if (original != null) {
                        published.add(original);
                    }
                }
            });
        }
        return published;
    }

    /**
     * Publishes what is not yet published. {@code stopRequested} is checked after every commit (a clean stop
     * leaves no open transaction); an exception aborts the open transaction, so only committed copies count.
     */
    public PublishResult publish(DatasetManifest manifest, List<SelectedBatch> batches,
                                 ReplayProgressListener listener, BooleanSupplier stopRequested) {
        long started = System.nanoTime();
        String manifestId = manifest.getManifestId();
        try (KafkaProducer<String, TrainingBatch> producer = new KafkaProducer<>(
                clients.transactionalProducerConfig(DatasetIds.transactionalId(manifestId)),
                new StringSerializer(), topics.batchSerde().serializer())) {
            producer.initTransactions();
            Set<String> done = alreadyPublished(manifest);
            int total = batches.size();
            listener.started(total, done.size());
            if (!done.isEmpty()) {
                LOG.info("Resuming {}: {} of {} batches were published by an earlier run", manifestId, done.size(),
                        total);
            }
            int published = 0;
            int inTransaction = 0;
            int transactions = 0;
            long clips = 0;
            long clipsInTransaction = 0;
            double seconds = 0;
            double secondsInTransaction = 0;
            int progressed = done.size();
            boolean stopped = false;
            try {
                for (SelectedBatch original : batches) {
                    if (done.contains(original.batchId())) {
                        continue;
                    }
                    if (inTransaction == 0) {
                        if (stopRequested.getAsBoolean()) {
                            stopped = true;
                            break;
                        }
                        producer.beginTransaction();
                    }
                    TrainingBatch copy = ReplayBatches.copyFor(manifest, original.batch());
                    ProducerRecord<String, TrainingBatch> record = new ProducerRecord<>(topics.batches(), null,
                            ReplayBatches.keyFor(original, copy), copy);
                    record.headers().add(ReplayBatches.SOURCE_BATCH_HEADER,
                            original.batchId().getBytes(StandardCharsets.UTF_8));
                    record.headers().add(ReplayBatches.MANIFEST_HEADER, manifestId.getBytes(StandardCharsets.UTF_8));
                    producer.send(record);
                    inTransaction++;
                    clipsInTransaction += copy.getClips().size();
                    secondsInTransaction += copy.getTotals().getTotalVideoSeconds();
                    progressed++;
                    listener.sent(progressed, total, clips + clipsInTransaction);
                    if (inTransaction == transactionSize) {
                        producer.commitTransaction();
                        transactions++;
                        published += inTransaction;
                        clips += clipsInTransaction;
                        seconds += secondsInTransaction;
                        inTransaction = 0;
                        clipsInTransaction = 0;
                        secondsInTransaction = 0;
                        listener.committed(progressed, total);
                    }
                }
                if (inTransaction > 0) {
                    producer.commitTransaction();
                    transactions++;
                    published += inTransaction;
                    clips += clipsInTransaction;
                    seconds += secondsInTransaction;
                    listener.committed(progressed, total);
                }
            } catch (RuntimeException e) {
                abortQuietly(producer, manifestId);
                throw e;
            }
            PublishResult result = new PublishResult(manifestId, total, done.size(), published, clips, seconds,
                    transactions, stopped, Duration.ofNanos(System.nanoTime() - started));
            LOG.info("Published {}: {} batches in {} transactions, {} were already published{}", manifestId,
                    published, transactions, done.size(), stopped ? "; stopped on request before the end" : "");
            return result;
        }
    }

    private static List<String> manifestBatchIds(DatasetManifest manifest) {
        return manifest.getBatches().stream().map(b -> b.getBatchId().toString()).toList();
    }

    private static void abortQuietly(KafkaProducer<?, ?> producer, String manifestId) {
        try {
            producer.abortTransaction();
        } catch (KafkaException | IllegalStateException e) {
            // Fenced or no transaction open: the next run's initTransactions aborts whatever is left.
            LOG.warn("Could not abort the open transaction of {}: {}", manifestId, e.getMessage());
        }
    }
}
