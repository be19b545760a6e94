package dev.clipstream.systemtests.harness;

import dev.clipstream.backends.api.JobView;
import dev.clipstream.backends.api.TrainingBackendClient;
import dev.clipstream.schemas.avro.BatchClip;
import dev.clipstream.schemas.avro.BatchOrigin;
import dev.clipstream.schemas.avro.ClipRejected;
import dev.clipstream.schemas.avro.ClipUploaded;
import dev.clipstream.schemas.avro.DispatchEvent;
import dev.clipstream.schemas.avro.LabeledClip;
import dev.clipstream.schemas.avro.TrainingBatch;
import dev.clipstream.schemas.topic.TopicCatalog;
import dev.clipstream.schemas.topic.TopicSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * Checks a pipeline run end to end, as issue 9 defines it: every clip ingest accepted is in a training batch of
 * every campaign that took it (never two batches of one campaign) or on clips.rejected with a reason (never both);
 * nothing is missing; every batch is completed exactly once on a backend.
 *
 * <p>Reads clips.uploaded, clips.rejected, training.batches and dispatch.events from the beginning with
 * {@code isolation.level=read_committed} (aborted transactions of a killed app must not count), up to each
 * partition's last stable offset, and optionally every job record of the training backends.
 *
 * <p>Rules, from what labeling does: a clip matched to several campaigns is in one batch per campaign that took it;
 * a clip every matched campaign declined (quota) or that matched none is rejected, not batched. A clip ingest
 * published twice (same clip id) is batched once and its extra events are rejected as DUPLICATE by labeling's
 * clip-id filter: that is allowed, one DUPLICATE rejection per extra upload event. Any other rejection of a
 * batched clip, or a clip in two batch records of one campaign, is a duplicate; that is how reprocessing without
 * exactly-once shows (the restarted app sees its own earlier clip in the restored duplicate filter).
 */
public final class PipelineVerifier {

    private static final Logger LOG = LoggerFactory.getLogger(PipelineVerifier.class);
    private static final String DUPLICATE_REASON = "DUPLICATE";
    private static final String COMPLETED = "COMPLETED";
    private static final String SUCCEEDED = "SUCCEEDED";
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(60);

    private final String bootstrapServers;
    private final TopicCatalog catalog;

    public PipelineVerifier(String bootstrapServers, TopicCatalog catalog) {
        this.bootstrapServers = bootstrapServers;
        this.catalog = catalog;
    }

    /** Reads the four topics (read_committed) and the backends' jobs, then applies the rules. */
    public Verification verify(Collection<String> expectedClipIds, Collection<TrainingBackendClient> backends) {
        return verify(read(backends), expectedClipIds);
    }

    /** Everything committed on the four topics now, plus every job of the given backends. */
    public Observed read(Collection<TrainingBackendClient> backends) {
        List<Observed.Upload> uploads = readAll(catalog.clipsUploaded(),
                (ClipUploaded v) -> new Observed.Upload(v.getClipId().toString()));
        List<Observed.Rejection> rejections = readAll(catalog.clipsRejected(),
                (ClipRejected v) -> new Observed.Rejection(v.getClip().getClipId().toString(), v.getReason().name()));
        List<Observed.Batch> batches = readAll(catalog.trainingBatches(), PipelineVerifier::batch);
        List<Observed.DispatchRecord> events = readAll(catalog.dispatchEvents(),
                (DispatchEvent v) -> new Observed.DispatchRecord(v.getBatchId().toString(), v.getDecision().name(),
                        v.getBackendId()));
        List<Observed.BackendJob> jobs = new ArrayList<>();
        for (TrainingBackendClient backend : backends) {
            for (JobView job : backend.jobs()) {
                jobs.add(new Observed.BackendJob(job.batchId(), job.backend(), job.state().name()));
            }
        }
        return new Observed(uploads, rejections, batches, events, jobs);
    }

    /** From clips.labeled (read_committed): per campaign id, the clips labeling matched to it. */
    public Map<String, Set<String>> labeledClipsByCampaign() {
        Map<String, Set<String>> byCampaign = new HashMap<>();
        for (LabeledClip clip : readAll(catalog.clipsLabeled(), (LabeledClip v) -> v)) {
            for (String campaign : clip.getCampaignIds()) {
                byCampaign.computeIfAbsent(campaign, c -> new TreeSet<>()).add(clip.getClip().getClipId().toString());
            }
        }
        return byCampaign;
    }

    private static Observed.Batch batch(TrainingBatch batch) {
        List<String> clipIds = new ArrayList<>();
        for (BatchClip clip : batch.getClips()) {
            clipIds.add(clip.getClip().getClipId().toString());
        }
        return new Observed.Batch(batch.getBatchId().toString(), batch.getCampaignId(), clipIds,
                batch.getOrigin() != BatchOrigin.REPLAY);
    }

    private <K, V, T> List<T> readAll(TopicSpec<K, V> topic, Function<V, T> convert) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "2000");
        List<T> values = new ArrayList<>();
        try (KafkaConsumer<K, V> consumer = new KafkaConsumer<>(props, topic.keySerde().deserializer(),
                topic.valueSerde().deserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic.name(), READ_TIMEOUT).stream()
                    .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            // With read_committed, endOffsets are the last stable offsets: everything committed so far.
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, READ_TIMEOUT);
            long deadline = System.nanoTime() + READ_TIMEOUT.toNanos();
            while (!reached(consumer, end)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Could not read " + topic.name() + " to its end " + end
                            + " within " + READ_TIMEOUT.toSeconds() + " s");
                }
                for (ConsumerRecord<K, V> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.value() != null) {
                        values.add(convert.apply(record.value()));
                    }
                }
            }
        }
        return values;
    }

    private static boolean reached(KafkaConsumer<?, ?> consumer, Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> partition : end.entrySet()) {
            if (consumer.position(partition.getKey()) < partition.getValue()) {
                return false;
            }
        }
        return true;
    }

    /**
     * The rules, on what was read. {@code expectedClipIds}: the clips ingest accepted (e.g. a fleet run's), or null
     * to take clips.uploaded as the input; an expected clip absent from clips.uploaded is missing (ingest
     * acknowledged a clip and then lost it).
     */
    public static Verification verify(Observed observed, Collection<String> expectedClipIds) {
        Map<String, Integer> uploadEvents = new HashMap<>();
        for (Observed.Upload upload : observed.uploads()) {
            uploadEvents.merge(upload.clipId(), 1, Integer::sum);
        }
        Set<String> clipsIn = new TreeSet<>(uploadEvents.keySet());
        List<String> unexpected = new ArrayList<>();
        if (expectedClipIds != null) {
            Set<String> expected = new HashSet<>(expectedClipIds);
            for (String clip : clipsIn) {
                if (!expected.contains(clip)) {
                    unexpected.add(clip);
                }
            }
            clipsIn.addAll(expected);
        }

        // Live batches: per batch id how often written; per (campaign, clip) in how many batch records.
        Map<String, Integer> batchRecords = new HashMap<>();
        Map<String, Integer> campaignClip = new HashMap<>();
        Set<String> batchedClips = new HashSet<>();
        Set<String> liveBatchIds = new LinkedHashSet<>();
        for (Observed.Batch batch : observed.batches()) {
            if (!batch.live()) {
                continue;
            }
            liveBatchIds.add(batch.batchId());
            batchRecords.merge(batch.batchId(), 1, Integer::sum);
            // Not deduplicated: a clip twice inside one batch counts as in two batches of its campaign.
            for (String clip : batch.clipIds()) {
                campaignClip.merge(batch.campaignId() + "\u0000" + clip, 1, Integer::sum);
                batchedClips.add(clip);
            }
        }
        Map<String, Integer> rejectionsPerClip = new HashMap<>();
        Map<String, Integer> nonDuplicateRejections = new HashMap<>();
        Map<String, Integer> reasons = new HashMap<>();
        for (Observed.Rejection rejection : observed.rejections()) {
            reasons.merge(rejection.reason(), 1, Integer::sum);
            rejectionsPerClip.merge(rejection.clipId(), 1, Integer::sum);
            if (!DUPLICATE_REASON.equals(rejection.reason())) {
                nonDuplicateRejections.merge(rejection.clipId(), 1, Integer::sum);
            }
        }

        Set<String> duplicated = new TreeSet<>();
        campaignClip.forEach((key, count) -> {
            if (count > 1) {
                duplicated.add(key.substring(key.indexOf('\u0000') + 1));
            }
        });
        List<String> missing = new ArrayList<>();
        int rejected = 0;
        for (String clip : clipsIn) {
            int events = uploadEvents.getOrDefault(clip, 0);
            int rejections = rejectionsPerClip.getOrDefault(clip, 0);
            if (events == 0) {
                missing.add(clip);
            } else if (batchedClips.contains(clip)) {
                // Batched: only the extra upload events may be rejected, and only as DUPLICATE.
                if (nonDuplicateRejections.containsKey(clip) || rejections > events - 1) {
                    duplicated.add(clip);
                }
            } else if (rejections == 0) {
                missing.add(clip);
            } else {
                rejected++;
                if (rejections > events) {
                    duplicated.add(clip);
                }
            }
        }
        List<String> unknownInBatches = batchedClips.stream().filter(c -> !uploadEvents.containsKey(c))
                .sorted().toList();
        int batched = (int) batchedClips.stream().filter(uploadEvents::containsKey).count();

        List<String> batchRecordsDuplicated = batchRecords.entrySet().stream().filter(e -> e.getValue() > 1)
                .map(Map.Entry::getKey).sorted().toList();
        Map<String, Integer> completions = new HashMap<>();
        for (Observed.DispatchRecord event : observed.dispatchEvents()) {
            if (COMPLETED.equals(event.decision())) {
                completions.merge(event.batchId(), 1, Integer::sum);
            }
        }
        List<String> completedTwice = completions.entrySet().stream().filter(e -> e.getValue() > 1)
                .map(Map.Entry::getKey).sorted().toList();
        List<String> notCompleted = liveBatchIds.stream().filter(id -> !completions.containsKey(id)).sorted()
                .toList();
        int completed = (int) liveBatchIds.stream().filter(completions::containsKey).count();
        Map<String, Integer> succeededJobs = new HashMap<>();
        for (Observed.BackendJob job : observed.backendJobs()) {
            if (SUCCEEDED.equals(job.state())) {
                succeededJobs.merge(job.batchId(), 1, Integer::sum);
            }
        }
        List<String> jobsSucceededTwice = succeededJobs.entrySet().stream().filter(e -> e.getValue() > 1)
                .map(Map.Entry::getKey).sorted().toList();

        Verification verification = new Verification(clipsIn.size(), observed.uploads().size(), batched, rejected,
                missing, List.copyOf(duplicated), unknownInBatches, unexpected, liveBatchIds.size(),
                batchRecordsDuplicated, completed, completedTwice, notCompleted, jobsSucceededTwice,
                batchedClips, reasons);
        LOG.debug("Verification: {}", verification.summary());
        return verification;
    }
}
