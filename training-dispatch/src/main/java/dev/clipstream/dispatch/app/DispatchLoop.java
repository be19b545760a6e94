package dev.clipstream.dispatch.app;

import dev.clipstream.backends.api.BackendCallException;
import dev.clipstream.backends.api.BackendStatusView;
import dev.clipstream.backends.api.JobRequest;
import dev.clipstream.backends.api.JobState;
import dev.clipstream.backends.api.JobView;
import dev.clipstream.backends.api.Priority;
import dev.clipstream.backends.api.TrainingBackendClient;
import dev.clipstream.dispatch.events.DispatchEvents;
import dev.clipstream.dispatch.policy.BackendAvailability;
import dev.clipstream.dispatch.policy.BatchPriority;
import dev.clipstream.dispatch.policy.Placement;
import dev.clipstream.dispatch.policy.PlacementPolicy;
import dev.clipstream.dispatch.policy.WaitingBatch;
import dev.clipstream.dispatch.state.BatchPhase;
import dev.clipstream.dispatch.state.BatchRecord;
import dev.clipstream.dispatch.state.DispatchState;
import dev.clipstream.schemas.avro.BatchOrigin;
import dev.clipstream.schemas.avro.DispatchDecision;
import dev.clipstream.schemas.avro.DispatchEvent;
import dev.clipstream.schemas.avro.TrainingBatch;
import dev.clipstream.schemas.serde.SchemaRegistryException;
import dev.clipstream.schemas.serde.SchemaRegistryUnreachableException;
import dev.clipstream.schemas.topic.DeadLetterRecords;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dispatcher's single writer: one thread that owns the state, reads training.batches, folds in what the backend
 * monitors and HTTP calls report, runs the policy, and writes every decision to dispatch.events in a Kafka
 * transaction together with the consumed offsets. HTTP calls run on {@code calls}; their results come back through
 * the inbox, so nothing here waits on a backend.
 *
 * <p>Order of effects, which the recovery guarantee rests on: an ASSIGNED event is committed <em>before</em> its
 * submit is sent; a batch leaves a backend only after that backend reported its job ended without success (or had no
 * job for it while down); and the QUEUED event of a batch commits in the same transaction as its offset.
 */
final class DispatchLoop implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(DispatchLoop.class);
    private static final Duration SUMMARY_INTERVAL = Duration.ofSeconds(10);
    private static final int MAX_DEAD_LETTER_WARNINGS = 10;
    private static final Duration REGISTRY_RETRY = Duration.ofSeconds(1);

    private final DispatchSettings settings;
    private final KafkaConsumer<String, TrainingBatch> consumer;
    private final KafkaProducer<byte[], byte[]> producer;
    private final EventEncoder encoder;
    private final String deadLetterTopic;
    private final StateRebuilder rebuilder;
    private final Map<String, TrainingBackendClient> clients;
    private final ExecutorService calls;
    private final Clock clock;
    private final DispatchEvents events;
    private final PlacementPolicy policy;
    private final Consumer<DispatchView> viewSink;
    private final Consumer<DispatchEvent> eventListener;

    private final LinkedBlockingQueue<Runnable> inbox = new LinkedBlockingQueue<>();
    private final DispatchState state = new DispatchState();
    private final Map<String, BackendObservation> latest = new HashMap<>();
    private final Map<String, Long> lastAnswerNanos = new HashMap<>();
    private final Map<String, Double> costByBackend = new HashMap<>();
    private final Map<TopicPartition, OffsetAndMetadata> pendingOffsets = new HashMap<>();
    private final List<DispatchEvent> pendingEvents = new ArrayList<>();
    private final List<ProducerRecord<byte[], byte[]>> pendingDeadLetters = new ArrayList<>();
    private final List<Runnable> afterCommit = new ArrayList<>();
    private final CountDownLatch finished = new CountDownLatch(1);

    private volatile boolean stopRequested;
    private volatile boolean killed;
    private volatile Throwable failure;
    private long eventsWritten;
    private long deadLettersWritten;
    private long cancelsSent;
    private int deadLetterWarnings;
    private long deadLetterWarningsSuppressed;
    private long transactions;
    private long transactionNanos;
    private long nextSummaryNanos;
    private long readBatchesAfterNanos = System.nanoTime();
    private boolean registryOutageLogged;

    DispatchLoop(DispatchSettings settings, KafkaConsumer<String, TrainingBatch> consumer,
                 KafkaProducer<byte[], byte[]> producer, EventEncoder encoder, String deadLetterTopic,
                 StateRebuilder rebuilder,
                 Map<String, TrainingBackendClient> clients, ExecutorService calls, Clock clock,
                 Consumer<DispatchView> viewSink, Consumer<DispatchEvent> eventListener) {
        this.settings = settings;
        this.consumer = consumer;
        this.producer = producer;
        this.encoder = encoder;
        this.deadLetterTopic = deadLetterTopic;
        this.rebuilder = rebuilder;
        this.clients = clients;
        this.calls = calls;
        this.clock = clock;
        this.events = new DispatchEvents(clock);
        this.policy = new PlacementPolicy(settings.policy());
        this.viewSink = viewSink;
        this.eventListener = eventListener;
    }

    /** Called by the backend monitors' threads. */
    void observe(BackendObservation observation) {
        inbox.add(() -> onObservation(observation));
    }

    void requestStop() {
        stopRequested = true;
    }

    /** Stops at once without recording anything more: what a crash leaves behind (tests). */
    void kill() {
        killed = true;
        stopRequested = true;
    }

    boolean awaitFinished(Duration timeout) throws InterruptedException {
        return finished.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    Optional<Throwable> failure() {
        return Optional.ofNullable(failure);
    }

    @Override
    public void run() {
        try {
            recover();
            while (!stopRequested) {
                iterate(true);
            }
            if (!killed) {
                drainInFlight();
            }
        } catch (RuntimeException | InterruptedException e) {
            if (!killed) {
                failure = e;
                LOG.error("The dispatch loop stopped: {}", e.toString(), e);
            }
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
        } finally {
            publishView(false);
            closeClients();
            finished.countDown();
        }
    }

    // ---- recovery ----

    private void recover() {
        // Fences any earlier instance with the same transactional id and aborts its open transaction, so the log
        // read next is final.
        producer.initTransactions();
        long applied = rebuilder.rebuild(settings.eventsTopic(), state);
        List<org.apache.kafka.common.PartitionInfo> batchPartitions = consumer.partitionsFor(settings.batchesTopic());
        if (batchPartitions == null || batchPartitions.isEmpty()) {
            throw new IllegalStateException("Topic " + settings.batchesTopic() + " does not exist; create the "
                    + "catalog topics first (clipstream devstack does, or TopicBootstrap.ensureTopics)");
        }
        List<TopicPartition> partitions = batchPartitions.stream()
                .map(info -> new TopicPartition(info.topic(), info.partition())).toList();
        consumer.assign(partitions);
        Map<TopicPartition, OffsetAndMetadata> committed = consumer.committed(new java.util.HashSet<>(partitions));
        for (TopicPartition partition : partitions) {
            OffsetAndMetadata offset = committed.get(partition);
            if (offset != null) {
                consumer.seek(partition, offset.offset());
            } else {
                consumer.seekToBeginning(List.of(partition));
            }
        }
        Map<BatchPhase, Long> phases = state.countByPhase();
        LOG.info("Dispatch state rebuilt from {} events of {}: {}; reading {} from the committed offsets of group {}",
                applied, settings.eventsTopic(), phases, settings.batchesTopic(), settings.groupId());
        nextSummaryNanos = System.nanoTime() + SUMMARY_INTERVAL.toNanos();
        publishView(true);
    }

    // ---- the loop ----

    private void iterate(boolean acceptNewBatches) throws InterruptedException {
        if (acceptNewBatches && System.nanoTime() - readBatchesAfterNanos >= 0) {
            readBatches();
        } else {
            Runnable first = inbox.poll(settings.consumerPollInterval().toMillis(), TimeUnit.MILLISECONDS);
            if (first != null) {
                first.run();
            }
        }
        if (killed) {
            return;
        }
        Runnable message;
        while ((message = inbox.poll()) != null) {
            message.run();
        }
        cancelOnSilentBackends();
        if (acceptNewBatches) {
            // Held batches are already recorded: fill the slots that just freed before this iteration's transaction.
            releaseHeld();
            place();
        }
        commit();
        publishView(true);
        logSummaryNow();
    }

    private void readBatches() {
        ConsumerRecords<String, TrainingBatch> records;
        try {
            records = consumer.poll(settings.consumerPollInterval());
        } catch (RecordDeserializationException e) {
            deadLetter(e);
            return;
        }
        if (registryOutageLogged) {
            registryOutageLogged = false;
            LOG.info("The schema registry answers again; reading {} on", settings.batchesTopic());
        }
        for (ConsumerRecord<String, TrainingBatch> record : records) {
            pendingOffsets.put(new TopicPartition(record.topic(), record.partition()),
                    new OffsetAndMetadata(record.offset() + 1));
            TrainingBatch batch = record.value();
            if (batch == null) {
                continue;
            }
            String batchId = batch.getBatchId().toString();
            if (state.knows(batchId)) {
                continue; // a redelivered or republished batch: recorded once, placed once
            }
            BatchRecord.JobSpec spec = new BatchRecord.JobSpec(batch.getCampaignId(),
                    batch.getTotals().getClipCount(), batch.getTotals().getTotalVideoSeconds(),
                    settings.framesPerSecond(),
                    batch.getOrigin() == BatchOrigin.REPLAY ? BatchPriority.REPLAY : BatchPriority.LIVE,
                    Instant.ofEpochMilli(record.timestamp()));
            emit(events.queued(batchId, spec));
        }
    }

    /**
     * A record that is not a TrainingBatch can never be placed: it goes, as it was read, to the dead-letter topic in
     * the same transaction that commits the offset past it, so it is neither lost nor written twice.
     */
    private void deadLetter(RecordDeserializationException e) {
        TopicPartition partition = e.topicPartition();
        long offset = e.offset();
        Throwable error = e.getCause() != null ? e.getCause() : e; // what the deserializer said
        if (registryNotAnswering(error)) {
            // Not the record's fault: read it again after a pause (the consumer stays at its offset).
            readBatchesAfterNanos = System.nanoTime() + REGISTRY_RETRY.toNanos();
            if (!registryOutageLogged) {
                registryOutageLogged = true;
                LOG.warn("Cannot read {}-{}@{} while the schema registry does not answer; retrying every {} ms: {}",
                        partition.topic(), partition.partition(), offset, REGISTRY_RETRY.toMillis(),
                        DeadLetterRecords.message(error));
            }
            return;
        }
        pendingDeadLetters.add(DeadLetterRecords.record(deadLetterTopic, partition.topic(), partition.partition(),
                offset, DeadLetterRecords.bytes(e.keyBuffer()), DeadLetterRecords.bytes(e.valueBuffer()), error, null));
        consumer.seek(partition, offset + 1);
        pendingOffsets.put(partition, new OffsetAndMetadata(offset + 1));
        // One WARN per poison record, at most MAX_DEAD_LETTER_WARNINGS per summary interval; the summary counts
        // the rest.
        if (deadLetterWarnings < MAX_DEAD_LETTER_WARNINGS) {
            deadLetterWarnings++;
            LOG.warn("Unreadable record {}-{}@{} goes to {}: {}", partition.topic(), partition.partition(), offset,
                    deadLetterTopic, DeadLetterRecords.message(error));
        } else {
            deadLetterWarningsSuppressed++;
        }
    }

    static boolean registryNotAnswering(Throwable error) {
        return error instanceof SchemaRegistryUnreachableException
                || error instanceof SchemaRegistryException registry && registry.httpStatus() >= 500;
    }

    private void commit() {
        if (pendingEvents.isEmpty() && pendingOffsets.isEmpty()) {
            runAfterCommit();
            return;
        }
        long started = System.nanoTime();
        List<ProducerRecord<byte[], byte[]>> records = new ArrayList<>(pendingDeadLetters);
        pendingEvents.forEach(event -> records.add(encoder.encode(settings.eventsTopic(), event)));
        producer.beginTransaction();
        records.forEach(producer::send);
        if (!pendingOffsets.isEmpty()) {
            producer.sendOffsetsToTransaction(Map.copyOf(pendingOffsets), consumer.groupMetadata());
        }
        // Any failure here ends the loop: the state already holds these events, so it must be rebuilt from the log
        // rather than go on with a state the log may not have. DispatcherApp then starts a new loop, which does that.
        producer.commitTransaction();
        eventsWritten += pendingEvents.size();
        deadLettersWritten += pendingDeadLetters.size();
        transactions++;
        transactionNanos += System.nanoTime() - started;
        if (eventListener != null) {
            pendingEvents.forEach(eventListener);
        }
        pendingEvents.clear();
        pendingDeadLetters.clear();
        pendingOffsets.clear();
        runAfterCommit();
    }

    private void runAfterCommit() {
        List<Runnable> actions = List.copyOf(afterCommit);
        afterCommit.clear();
        actions.forEach(Runnable::run);
        if (!stopRequested) {
            releaseHeld();
        }
    }

    private void emit(DispatchEvent event) {
        state.apply(event);
        pendingEvents.add(event);
        if (event.getCostUsd() != null && event.getBackendId() != null) {
            costByBackend.merge(event.getBackendId(), event.getCostUsd(), Double::sum);
        }
    }

    // ---- placement ----

    private void place() {
        List<WaitingBatch> waiting = new ArrayList<>();
        for (BatchRecord record : state.batches()) {
            if (record.phase() == BatchPhase.WAITING) {
                waiting.add(new WaitingBatch(record.batchId(), record.spec().priority(), record.spec().publishedAt(),
                        record.notBefore(), record.excluded()));
            }
        }
        if (waiting.isEmpty()) {
            return;
        }
        Map<String, BackendAvailability> availability = availability(settings.holdAhead(), true);
        for (Placement placement : policy.place(waiting, availability, clock.instant())) {
            BatchRecord record = state.batch(placement.batchId()).orElseThrow();
            emit(events.assigned(record, placement));
            // Sent only once the ASSIGNED event is committed, and only into a free slot (releaseHeld).
            afterCommit.add(record::hold);
        }
    }

    /** Submits held batches (their ASSIGNED is committed) into the free slots of their backend, best first. */
    private void releaseHeld() {
        Map<String, BackendAvailability> free = availability(0, false);
        Map<String, List<BatchRecord>> heldByBackend = new HashMap<>();
        for (BatchRecord record : state.batches()) {
            if (record.phase() == BatchPhase.ASSIGNED && record.held()) {
                heldByBackend.computeIfAbsent(record.backend(), name -> new ArrayList<>()).add(record);
            }
        }
        heldByBackend.forEach((backend, records) -> {
            BackendAvailability availability = free.get(backend);
            if (availability == null || !availability.usable()) {
                return;
            }
            records.sort(java.util.Comparator
                    .comparingInt((BatchRecord r) -> settings.policy().priorityOrder().indexOf(r.spec().priority()))
                    .thenComparing(r -> r.spec().publishedAt()));
            records.stream().limit(availability.freeJobSlots()).forEach(this::submit);
        });
    }

    /**
     * What the policy may use: per backend, the free job slots it last reported, minus the jobs sent to it since,
     * minus the batches held for it, plus {@code holdAhead} slots of assignment ahead of a free slot.
     */
    private Map<String, BackendAvailability> availability(int holdAhead, boolean countHeld) {
        Map<String, BackendAvailability> availability = new HashMap<>();
        for (String name : clients.keySet()) {
            BackendObservation observation = latest.get(name);
            if (observation == null || !observation.answering()) {
                availability.put(name, BackendAvailability.notAnswering(name));
                continue;
            }
            BackendStatusView status = observation.status();
            int totalSlots = status.unitsPerJob() > 0 ? status.capacityUnits() / status.unitsPerJob() : 0;
            // Jobs sent since this status was requested are not in its freeJobSlots yet.
            long placedSince = state.batches().stream()
                    .filter(r -> name.equals(r.backend()) && r.assignedAtNanos() != 0)
                    .filter(r -> r.assignedAtNanos() - observation.requestedAtNanos() > 0)
                    .count();
            long held = !countHeld ? 0 : state.batches().stream()
                    .filter(r -> name.equals(r.backend()) && r.phase() == BatchPhase.ASSIGNED && r.held())
                    .count();
            int free = (int) Math.max(0, status.freeJobSlots() - placedSince + holdAhead - held);
            availability.put(name, new BackendAvailability(name, true, status.up(), status.state(), free, totalSlots));
        }
        return availability;
    }

    private void submit(BatchRecord record) {
        TrainingBackendClient client = clients.get(record.backend());
        String backend = record.backend();
        int attempt = record.attempt();
        BatchRecord.JobSpec spec = record.spec();
        JobRequest request = new JobRequest(record.batchId(), spec.campaignId(), spec.clipCount(), spec.videoSeconds(),
                spec.framesPerSecond(), spec.priority() == BatchPriority.REPLAY ? Priority.REPLAY : Priority.LIVE);
        record.submitStarted(System.nanoTime());
        try {
            calls.execute(() -> {
                JobView job = null;
                RuntimeException error = null;
                try {
                    job = client.submit(request);
                } catch (RuntimeException e) {
                    error = e;
                }
                JobView answer = job;
                RuntimeException problem = error;
                inbox.add(() -> onSubmitted(record, backend, attempt, answer, problem));
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            record.submitSettled(System.nanoTime()); // shutting down: the next start reconciles this batch
        }
    }

    private void onSubmitted(BatchRecord record, String backend, int attempt, JobView job, RuntimeException error) {
        if (record.phase() != BatchPhase.ASSIGNED || !backend.equals(record.backend()) || record.attempt() != attempt) {
            return;
        }
        record.submitSettled(System.nanoTime());
        if (job != null) {
            reconcileJob(record, job, true);
        } else if (error instanceof BackendCallException) {
            // A definite refusal (4xx): no job exists for this request; do not send it there again.
            record.exclude(backend);
            emit(events.rerouted(record, "submit refused by " + backend + ": " + error.getMessage()));
        } else {
            // Unreachable, timed out or 503: the job may or may not exist. The next answer from the backend decides.
            LOG.debug("Submit of batch {} to {} unconfirmed: {}", record.batchId(), backend, error.getMessage());
        }
    }

    // ---- reconciliation with the backends ----

    private void onObservation(BackendObservation observation) {
        latest.put(observation.backend(), observation);
        if (!observation.answering()) {
            return;
        }
        lastAnswerNanos.put(observation.backend(), observation.requestedAtNanos());
        Map<String, List<JobView>> jobsByBatch = new HashMap<>();
        observation.jobs().forEach(job -> jobsByBatch.computeIfAbsent(job.batchId(), id -> new ArrayList<>()).add(job));
        for (BatchRecord record : List.copyOf(state.batches())) {
            if (!record.phase().onBackend() || !observation.backend().equals(record.backend())
                    || record.submitInFlight()) {
                continue;
            }
            Optional<JobView> job = currentJob(record, jobsByBatch.getOrDefault(record.batchId(), List.of()));
            if (job.isPresent()) {
                reconcileJob(record, job.get(), observation.status().up());
            } else if (observation.requestedAtNanos() - record.submitSettledAtNanos() > 0) {
                noJobFound(record, observation.status());
            }
        }
    }

    /** The job of the current attempt: the one with the known id, else the latest that did not already end. */
    private static Optional<JobView> currentJob(BatchRecord record, List<JobView> jobs) {
        if (record.jobId() != null) {
            return jobs.stream().filter(job -> job.jobId().equals(record.jobId())).findFirst();
        }
        JobView current = null;
        for (JobView job : jobs) {
            if (!isEndedAttempt(record, job)) {
                current = job;
            }
        }
        return Optional.ofNullable(current);
    }

    /**
     * A job this batch already gave up on, handed back again. Only a job that still shows how it ended qualifies: an
     * ended attempt never runs again, so a queued, running or succeeded job under a recorded id is a different job
     * that reuses the id (a restarted backend may number its jobs from the start again) and must not be left running
     * unseen while the batch goes elsewhere.
     */
    static boolean isEndedAttempt(BatchRecord record, JobView job) {
        return record.endedJobIds().contains(job.jobId()) && job.state().isFinal()
                && job.state() != JobState.SUCCEEDED;
    }

    /** The backend answered (fresh, after our last submit settled) and has no job of this attempt. */
    private void noJobFound(BatchRecord record, BackendStatusView status) {
        if (record.phase() == BatchPhase.ASSIGNED && status.up()) {
            // The submit never arrived (or was never sent): send it again when a slot is free; idempotent by batchId.
            record.hold();
        } else if (record.phase() == BatchPhase.ASSIGNED) {
            emit(events.rerouted(record, record.backend() + " is " + status.state() + " and has no job for the batch"));
        } else {
            emit(events.rerouted(record, record.backend() + " no longer knows job " + record.jobId()));
        }
    }

    private void reconcileJob(BatchRecord record, JobView job, boolean backendUp) {
        if (isEndedAttempt(record, job)) {
            // The backend handed back a job that already ended for this batch instead of a new attempt.
            record.exclude(record.backend());
            emit(events.rerouted(record, record.backend() + " answered with ended job " + job.jobId()
                    + " instead of a new attempt"));
            return;
        }
        if (record.phase() == BatchPhase.ASSIGNED) {
            emit(events.placed(record, job.jobId(), record.backend() + " accepted job " + job.jobId()
                    + " (" + job.state() + ")"));
        }
        switch (job.state()) {
            case QUEUED -> {
                if (!backendUp) {
                    cancel(record, "backend " + record.backend() + " is not up; cancelling the queued job to reroute");
                }
            }
            case RUNNING -> {
                if (record.phase() == BatchPhase.PLACED) {
                    emit(events.started(record, "job " + job.jobId() + " runs on " + record.backend()));
                }
            }
            case SUCCEEDED -> {
                if (record.phase() == BatchPhase.PLACED) {
                    emit(events.started(record, "job " + job.jobId() + " ran on " + record.backend()));
                }
                emit(events.completed(record, job.simulatedDurationSeconds(), job.costUsd()));
            }
            case FAILED -> ended(record, job, DispatchDecision.FAILED, "job failed on " + record.backend() + ": "
                    + job.failureReason());
            case PREEMPTED -> ended(record, job, DispatchDecision.PREEMPTED, "job preempted on " + record.backend()
                    + (job.failureReason() != null ? ": " + job.failureReason() : ""));
            case CANCELLED -> ended(record, job, DispatchDecision.CANCELLED, "job cancelled on " + record.backend());
            default -> throw new IllegalStateException("Unknown job state " + job.state());
        }
    }

    private void ended(BatchRecord record, JobView job, DispatchDecision decision, String reason) {
        int attempt = Math.max(1, record.attempt());
        long factor = 1L << Math.min(20, attempt - 1);
        Duration backoff = settings.initialBackoff().multipliedBy(factor);
        if (backoff.compareTo(settings.maxBackoff()) > 0) {
            backoff = settings.maxBackoff();
        }
        emit(events.ended(record, decision, reason + "; retry in " + backoff.toMillis() + " ms",
                job.simulatedDurationSeconds(), job.costUsd()));
        record.retryNotBefore(clock.instant().plus(backoff));
    }

    private void cancel(BatchRecord record, String why) {
        long now = System.nanoTime();
        if (record.jobId() == null || record.cancelSentWithin(now, settings.unresponsiveAfter())) {
            return;
        }
        record.cancelSent(now);
        cancelsSent++;
        TrainingBackendClient client = clients.get(record.backend());
        String jobId = record.jobId();
        String backend = record.backend();
        LOG.info("Cancelling job {} of batch {} on {}: {}", jobId, record.batchId(), backend, why);
        try {
            calls.execute(() -> {
                try {
                    JobView job = client.cancel(jobId);
                    inbox.add(() -> {
                        if (jobId.equals(record.jobId()) && backend.equals(record.backend())) {
                            reconcileJob(record, job, false);
                        }
                    });
                } catch (RuntimeException e) {
                    LOG.debug("Cancel of job {} on {} unconfirmed: {}", jobId, backend, e.getMessage());
                }
            });
        } catch (java.util.concurrent.RejectedExecutionException e) {
            LOG.debug("Not cancelling job {}: shutting down", jobId);
        }
    }

    /** Jobs on a backend silent for longer than unresponsive-after get a cancel; they move once it is confirmed. */
    private void cancelOnSilentBackends() {
        long now = System.nanoTime();
        for (String name : clients.keySet()) {
            BackendObservation observation = latest.get(name);
            Long lastAnswer = lastAnswerNanos.get(name);
            if (observation == null || observation.answering() || lastAnswer == null
                    || now - lastAnswer < settings.unresponsiveAfter().toNanos()) {
                continue;
            }
            for (BatchRecord record : state.batches()) {
                if (name.equals(record.backend()) && (record.phase() == BatchPhase.PLACED
                        || record.phase() == BatchPhase.RUNNING)) {
                    cancel(record, name + " has not answered for " + Duration.ofNanos(now - lastAnswer).toSeconds()
                            + " s");
                }
            }
        }
    }

    // ---- shutdown ----

    /** Graceful stop: no new placements; wait (bounded) until every submit in flight is answered and recorded. */
    private void drainInFlight() throws InterruptedException {
        long deadline = System.nanoTime() + settings.shutdownTimeout().toNanos();
        while (state.batches().stream().anyMatch(BatchRecord::submitInFlight) && System.nanoTime() < deadline) {
            iterate(false);
        }
        commit();
        long unconfirmed = state.batches().stream().filter(BatchRecord::submitInFlight).count();
        Map<BatchPhase, Long> phases = state.countByPhase();
        LOG.info("Dispatcher stopped gracefully: {}; {} submits unanswered (recorded as ASSIGNED; the next start "
                + "reconciles them with their backend)", phases, unconfirmed);
    }

    private void closeClients() {
        try {
            if (killed) {
                producer.close(Duration.ZERO);
            } else {
                producer.close(Duration.ofSeconds(5));
            }
        } catch (RuntimeException e) {
            LOG.debug("Closing the producer: {}", e.toString());
        }
        try {
            consumer.close(killed ? Duration.ZERO : Duration.ofSeconds(5));
        } catch (RuntimeException e) {
            LOG.debug("Closing the consumer: {}", e.toString());
        }
    }

    // ---- observability ----

    private void publishView(boolean recovered) {
        Map<String, Long> byBackendAndPhase = new HashMap<>();
        long queue = 0;
        long completed = 0;
        for (BatchRecord record : state.batches()) {
            String backend = record.phase() == BatchPhase.WAITING ? "none"
                    : record.backend() != null ? record.backend() : "none";
            byBackendAndPhase.merge(backend + "|" + record.phase(), 1L, Long::sum);
            if (record.phase() == BatchPhase.WAITING) {
                queue++;
            } else if (record.phase() == BatchPhase.COMPLETED) {
                completed++;
            }
        }
        Map<String, Double> utilisation = new HashMap<>();
        Map<String, Boolean> up = new HashMap<>();
        Map<String, Integer> free = new HashMap<>();
        for (String name : clients.keySet()) {
            BackendObservation observation = latest.get(name);
            boolean answering = observation != null && observation.answering();
            up.put(name, answering && observation.status().up());
            if (answering && observation.status().capacityUnits() > 0) {
                BackendStatusView status = observation.status();
                utilisation.put(name, (status.capacityUnits() - status.freeUnits()) / (double) status.capacityUnits());
                free.put(name, status.freeJobSlots());
            } else {
                utilisation.put(name, 0.0);
                free.put(name, 0);
            }
        }
        viewSink.accept(new DispatchView(recovered, queue, byBackendAndPhase, utilisation, up, free,
                costByBackend, completed, eventsWritten, deadLettersWritten, cancelsSent));
    }

    private void logSummaryNow() {
        long now = System.nanoTime();
        if (now - nextSummaryNanos < 0) {
            return;
        }
        nextSummaryNanos = now + SUMMARY_INTERVAL.toNanos();
        LOG.info("Dispatch summary: {}; {} events written in {} transactions (mean {} ms); {} dead letters",
                state.countByPhase(), eventsWritten, transactions,
                transactions == 0 ? 0 : transactionNanos / transactions / 1_000_000, deadLettersWritten);
        if (deadLetterWarningsSuppressed > 0) {
            LOG.warn("{} more unreadable records went to {} without a warning of their own",
                    deadLetterWarningsSuppressed, deadLetterTopic);
        }
        deadLetterWarnings = 0;
        deadLetterWarningsSuppressed = 0;
    }

}
