package dev.clipstream.backends.sim;

import dev.clipstream.backends.api.BackendStatusView;
import dev.clipstream.backends.api.JobRequest;
import dev.clipstream.backends.api.JobState;
import dev.clipstream.backends.api.JobView;
import dev.clipstream.backends.api.Priority;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A training backend as a discrete-event model in simulated time: jobs queue, run on units (tiles, GPUs) and finish;
 * maintenance windows, random outages, spot-like preemptions and supply changes happen at times drawn from the seed.
 *
 * <p>Every public method first advances the model to the clock's present, processing all events due until then in
 * time order, so the outcome depends only on the seed and on when (in simulated time) requests arrive; with a manual
 * clock a test controls both. Each random process has its own stream split from the seed, so for example a different
 * number of jobs does not move the outage times. All methods are synchronized.
 *
 * <p>Rules: a job occupies {@code unitsPerJob} units while RUNNING and never starts beyond capacity; queued jobs
 * start LIVE before REPLAY, then in submission order, only while the backend is UP. An outage or maintenance window
 * fails every running job (FAILED, with a reason); queued jobs stay queued and start after recovery. A submit for a
 * batchId whose latest job is QUEUED, RUNNING or SUCCEEDED returns that job; after FAILED, PREEMPTED or CANCELLED it
 * makes a new attempt (a new jobId).
 */
public final class BackendSimulator {

    private static final Logger LOG = LoggerFactory.getLogger(BackendSimulator.class);
    private static final double EPSILON_SECONDS = 1e-6;
    private static final int EVENT_LOG_LIMIT = 10_000;
    private static final long NONE = Long.MAX_VALUE;

    /** UP, DOWN (an outage) or MAINTENANCE (a scheduled window). */
    public enum State { UP, DOWN, MAINTENANCE }

    private final SimulatedBackendSettings settings;
    private final SimulatedClock clock;
    private final SplittableRandom outageRandom;
    private final SplittableRandom preemptionRandom;
    private final SplittableRandom supplyRandom;

    private final Map<String, SimulatedJob> jobs = new LinkedHashMap<>();
    private final Map<String, List<SimulatedJob>> attemptsByBatch = new HashMap<>();
    private final TreeSet<SimulatedJob> queue = new TreeSet<>(Comparator
            .comparingInt((SimulatedJob job) -> job.request.priority() == Priority.LIVE ? 0 : 1)
            .thenComparingLong(job -> job.sequence));
    private final List<SimulatedJob> running = new ArrayList<>();
    private final Deque<SimEvent> events = new ArrayDeque<>();
    private final EnumMap<JobState, Long> finishedCounts = new EnumMap<>(JobState.class);

    private long nowNanos;
    private int capacity;
    private double slowdown = 1.0;
    private boolean injectedDown;
    private long injectedDownUntil = NONE;
    private long randomOutageUntil = NONE;
    private long nextOutageAt;
    private long nextPreemptionAt;
    private long nextSupplyAt;
    private State state;
    private long jobSequence;
    /** Part of every job id when not empty: see {@link #BackendSimulator(SimulatedBackendSettings, SimulatedClock, String)}. */
    private final String runId;
    private long eventSequence;
    private long submittedCount;
    private double totalCostUsd;

    /** A simulator whose job ids are the backend name and a sequence ("dojo-000001"): the same for the same seed. */
    public BackendSimulator(SimulatedBackendSettings settings, SimulatedClock clock) {
        this(settings, clock, "");
    }

    /**
     * As the two-argument constructor, with {@code runId} in every job id ("dojo-k3x9qa-000001"). A served backend
     * takes a new one at each start: a restarted backend numbers its jobs from 1 again, and a dispatcher that still
     * remembers a job of the previous run must not mistake a new job for it.
     */
    public BackendSimulator(SimulatedBackendSettings settings, SimulatedClock clock, String runId) {
        this.runId = Objects.requireNonNull(runId, "runId");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        SplittableRandom root = new SplittableRandom(settings.seed());
        this.outageRandom = root.split();
        this.preemptionRandom = root.split();
        this.supplyRandom = root.split();
        this.capacity = settings.capacityUnits();
        this.nextOutageAt = drawAfter(0, outageRandom, settings.outages().ratePerDay() / 86_400.0);
        this.nextPreemptionAt = drawAfter(0, preemptionRandom, settings.preemptionRatePerHour() / 3_600.0);
        this.nextSupplyAt = settings.supply().enabled() ? settings.supply().interval().toNanos() : NONE;
        this.state = computeState();
        if (state == State.MAINTENANCE) {
            record(SimEvent.Type.MAINTENANCE_STARTED, null, "maintenance window at start");
        }
    }

    public SimulatedBackendSettings settings() {
        return settings;
    }

    public SimulatedClock clock() {
        return clock;
    }

    /** Processes everything due up to the clock's present; the scheduler thread calls this periodically. */
    public synchronized void tick() {
        advanceTo(clock.elapsedNanos());
    }

    /** The outcome of a submit: the job, and whether it was created now (201) or already existed (200). */
    public record SubmitResult(JobView job, boolean created) {
    }

    /**
     * Submits a job, idempotent by batchId (see the class comment).
     *
     * @throws BackendDownException     when a new job would be needed while the backend is not UP
     * @throws IllegalArgumentException when the request is invalid
     */
    public synchronized SubmitResult submit(JobRequest request) {
        JobRequestValidation.validate(request).ifPresent(problem -> {
            throw new IllegalArgumentException(problem.field() + ": " + problem.problem());
        });
        tick();
        List<SimulatedJob> attempts = attemptsByBatch.get(request.batchId());
        if (attempts != null) {
            SimulatedJob latest = attempts.get(attempts.size() - 1);
            if (latest.state == JobState.QUEUED || latest.state == JobState.RUNNING
                    || latest.state == JobState.SUCCEEDED) {
                return new SubmitResult(view(latest), false);
            }
        }
        if (state != State.UP) {
            long retryAfter = retryAfterSeconds();
            throw new BackendDownException("Backend " + settings.name() + (state == State.MAINTENANCE
                    ? " is in a scheduled maintenance window" : " is down (outage)")
                    + " and takes no new jobs; retry in about " + retryAfter + " s", state.name(), retryAfter);
        }
        jobSequence++;
        String jobId = runId.isEmpty() ? String.format(Locale.ROOT, "%s-%06d", settings.name(), jobSequence)
                : String.format(Locale.ROOT, "%s-%s-%06d", settings.name(), runId, jobSequence);
        double nominal = settings.throughput().durationSeconds(request.videoSeconds(), request.framesPerSecond(),
                settings.unitsPerJob());
        SimulatedJob job = new SimulatedJob(jobId, jobSequence, request, settings.unitsPerJob(), nominal, nowNanos);
        jobs.put(jobId, job);
        attemptsByBatch.computeIfAbsent(request.batchId(), id -> new ArrayList<>()).add(job);
        queue.add(job);
        submittedCount++;
        record(SimEvent.Type.SUBMITTED, jobId, "batch " + request.batchId() + ", " + request.priority()
                + String.format(Locale.ROOT, ", %.1f s at full speed", nominal));
        startQueued();
        return new SubmitResult(view(job), true);
    }

    public synchronized Optional<JobView> job(String jobId) {
        tick();
        return Optional.ofNullable(jobs.get(jobId)).map(this::view);
    }

    /** Every job record, in submission order. */
    public synchronized List<JobView> jobs() {
        tick();
        return jobs.values().stream().map(this::view).toList();
    }

    /** Every attempt for one batch, oldest first; empty when the batch is unknown. */
    public synchronized List<JobView> jobsForBatch(String batchId) {
        tick();
        return attemptsByBatch.getOrDefault(batchId, List.of()).stream().map(this::view).toList();
    }

    /** Cancels a queued or running job; a finished job is returned as it is. */
    public synchronized JobView cancel(String jobId) {
        tick();
        SimulatedJob job = find(jobId);
        if (!job.state.isFinal()) {
            finish(job, JobState.CANCELLED, null);
            startQueued();
        }
        return view(job);
    }

    public synchronized BackendStatusView status() {
        tick();
        boolean up = state == State.UP;
        int free = up ? Math.max(0, capacity - usedUnits()) : 0;
        return new BackendStatusView(settings.name(), settings.kind(), up, state.name(), settings.unitName(),
                capacity, free, settings.unitsPerJob(), free / settings.unitsPerJob(), queue.size(), running.size(),
                settings.costPerUnitHourUsd(), clock.toInstant(nowNanos), clock.timeScale());
    }

    public synchronized State state() {
        tick();
        return state;
    }

    // ---- faults ----

    /** An outage from now: for {@code duration} of simulated time, or until {@link #recover()} when empty. */
    public synchronized BackendStatusView outage(Optional<Duration> duration) {
        tick();
        injectedDown = true;
        injectedDownUntil = duration.map(d -> saturatedAdd(nowNanos, Math.max(1, d.toNanos()))).orElse(NONE);
        record(SimEvent.Type.OUTAGE_STARTED, null, "injected outage"
                + duration.map(d -> " for " + d.toSeconds() + " s").orElse(" until recovered"));
        refreshState();
        return status();
    }

    /** Ends injected and random outages now (scheduled maintenance stays). */
    public synchronized BackendStatusView recover() {
        tick();
        if (injectedDown || randomOutageUntil != NONE) {
            injectedDown = false;
            injectedDownUntil = NONE;
            randomOutageUntil = NONE;
            record(SimEvent.Type.OUTAGE_ENDED, null, "recovered by request");
            refreshState();
            startQueued();
        }
        return status();
    }

    /**
     * Preempts a queued or running job now.
     *
     * @throws UnknownJobException   when there is no such job
     * @throws IllegalStateException when the job has already finished
     */
    public synchronized JobView preempt(String jobId) {
        tick();
        SimulatedJob job = find(jobId);
        if (job.state.isFinal()) {
            throw new IllegalStateException("Job " + jobId + " has already finished (" + job.state
                    + ") and cannot be preempted");
        }
        finish(job, JobState.PREEMPTED, "preempted by fault injection");
        startQueued();
        return view(job);
    }

    /** Jobs run {@code factor} times slower from now on (1 = normal). */
    public synchronized BackendStatusView slowdown(double factor) {
        if (!(factor > 0) || factor > 1000) {
            throw new IllegalArgumentException("factor: must be a number in (0, 1000], was " + factor);
        }
        tick();
        slowdown = factor;
        record(SimEvent.Type.SLOWDOWN_CHANGED, null, "slowdown factor " + factor);
        return status();
    }

    /** Sets the unit count now; running jobs beyond it are preempted, newest first. */
    public synchronized BackendStatusView setCapacity(int units) {
        if (units < 0 || units > 1_000_000) {
            throw new IllegalArgumentException("units: must be between 0 and 1000000, was " + units);
        }
        tick();
        changeCapacity(units, "set by request");
        startQueued();
        return status();
    }

    // ---- observation ----

    /** The most recent events (up to 10,000), oldest first. */
    public synchronized List<SimEvent> events() {
        tick();
        return List.copyOf(events);
    }

    public synchronized long finishedCount(JobState finalState) {
        return finishedCounts.getOrDefault(finalState, 0L);
    }

    public synchronized long submittedCount() {
        return submittedCount;
    }

    /** Cost of all jobs so far, running ones included up to now. */
    public synchronized double totalCostUsd() {
        return totalCostUsd;
    }

    /** Units in use right now (without advancing the clock, for metrics). */
    public synchronized int usedUnitsNow() {
        return usedUnits();
    }

    // ---- the model ----

    private void advanceTo(long target) {
        long goal = Math.max(target, nowNanos);
        while (true) {
            long next = nextEventNanos();
            if (next > goal) {
                break;
            }
            progressTo(next);
            handleDueEvents();
        }
        progressTo(goal);
    }

    private long nextEventNanos() {
        long next = NONE;
        for (SimulatedJob job : running) {
            double remaining = job.remainingSeconds();
            long at = remaining <= EPSILON_SECONDS ? nowNanos
                    : saturatedAdd(nowNanos, (long) Math.ceil(remaining * slowdown * 1e9));
            next = Math.min(next, at);
        }
        if (injectedDown) {
            next = Math.min(next, injectedDownUntil);
        }
        next = Math.min(next, randomOutageUntil);
        next = Math.min(next, nextOutageAt);
        next = Math.min(next, settings.maintenance().nextBoundaryAfter(nowNanos));
        next = Math.min(next, nextPreemptionAt);
        next = Math.min(next, nextSupplyAt);
        return Math.max(next, nowNanos);
    }

    private void progressTo(long target) {
        if (target <= nowNanos) {
            return;
        }
        double seconds = (target - nowNanos) / 1e9;
        for (SimulatedJob job : running) {
            job.doneSeconds = Math.min(job.nominalSeconds, job.doneSeconds + seconds / slowdown);
            double cost = job.units * settings.costPerUnitHourUsd() * seconds / 3600.0;
            job.costUsd += cost;
            totalCostUsd += cost;
        }
        nowNanos = target;
    }

    private void handleDueEvents() {
        for (SimulatedJob job : List.copyOf(running)) {
            if (job.remainingSeconds() <= EPSILON_SECONDS) {
                job.doneSeconds = job.nominalSeconds;
                finish(job, JobState.SUCCEEDED, null);
            }
        }
        if (injectedDown && injectedDownUntil <= nowNanos) {
            injectedDown = false;
            injectedDownUntil = NONE;
            record(SimEvent.Type.OUTAGE_ENDED, null, "injected outage over");
        }
        if (randomOutageUntil <= nowNanos) {
            randomOutageUntil = NONE;
            record(SimEvent.Type.OUTAGE_ENDED, null, "random outage over");
        }
        if (nextOutageAt <= nowNanos) {
            double meanSeconds = settings.outages().meanDuration().toNanos() / 1e9;
            long length = Math.max(1, (long) (exponential(outageRandom, meanSeconds) * 1e9));
            long until = saturatedAdd(nowNanos, length);
            randomOutageUntil = randomOutageUntil == NONE ? until : Math.max(randomOutageUntil, until);
            record(SimEvent.Type.OUTAGE_STARTED, null, String.format(Locale.ROOT, "random outage for %.0f s",
                    length / 1e9));
            nextOutageAt = drawAfter(nowNanos, outageRandom, settings.outages().ratePerDay() / 86_400.0);
        }
        if (nextPreemptionAt <= nowNanos) {
            if (!running.isEmpty()) {
                List<SimulatedJob> candidates = running.stream()
                        .sorted(Comparator.comparingLong(job -> job.sequence)).toList();
                SimulatedJob victim = candidates.get(preemptionRandom.nextInt(candidates.size()));
                finish(victim, JobState.PREEMPTED, "spot preemption: capacity reclaimed by the provider");
            }
            nextPreemptionAt = drawAfter(nowNanos, preemptionRandom, settings.preemptionRatePerHour() / 3_600.0);
        }
        if (nextSupplyAt <= nowNanos) {
            SupplyWalk walk = settings.supply();
            int delta = (supplyRandom.nextInt(3) - 1) * walk.step();
            int units = Math.max(walk.minUnits(), Math.min(walk.maxUnits(), capacity + delta));
            if (units != capacity) {
                changeCapacity(units, "supply change");
            }
            nextSupplyAt = saturatedAdd(nowNanos, walk.interval().toNanos());
        }
        refreshState();
        startQueued();
    }

    private void refreshState() {
        State previous = state;
        state = computeState();
        if (state == previous) {
            return;
        }
        if (previous == State.MAINTENANCE) {
            record(SimEvent.Type.MAINTENANCE_ENDED, null, "maintenance window over, now " + state);
        }
        if (state == State.MAINTENANCE) {
            record(SimEvent.Type.MAINTENANCE_STARTED, null, "scheduled maintenance window");
        }
        if (previous == State.UP) {
            String reason = state == State.MAINTENANCE ? "maintenance window started while running"
                    : "backend outage while running";
            for (SimulatedJob job : List.copyOf(running)) {
                finish(job, JobState.FAILED, reason);
            }
            LOG.info("Backend {} went {} at {}", settings.name(), state, clock.toInstant(nowNanos));
        } else if (state == State.UP) {
            LOG.info("Backend {} is up again at {}", settings.name(), clock.toInstant(nowNanos));
        }
    }

    private State computeState() {
        if (injectedDown || randomOutageUntil != NONE) {
            return State.DOWN;
        }
        return settings.maintenance().inWindow(nowNanos) ? State.MAINTENANCE : State.UP;
    }

    private void startQueued() {
        while (state == State.UP && !queue.isEmpty() && capacity - usedUnits() >= queue.first().units) {
            SimulatedJob job = queue.pollFirst();
            job.state = JobState.RUNNING;
            job.startedNanos = nowNanos;
            running.add(job);
            record(SimEvent.Type.STARTED, job.jobId, "on " + job.units + " " + settings.unitName());
        }
    }

    private void changeCapacity(int units, String why) {
        int previous = capacity;
        capacity = units;
        record(SimEvent.Type.CAPACITY_CHANGED, null, previous + " -> " + units + " " + settings.unitName() + " ("
                + why + ")");
        // Reclaim the newest jobs first: they have the least work to lose.
        for (int i = running.size() - 1; i >= 0 && usedUnits() > capacity; i--) {
            finish(running.get(i), JobState.PREEMPTED, "capacity reclaimed: supply shrank to " + units + " "
                    + settings.unitName());
        }
    }

    private void finish(SimulatedJob job, JobState finalState, String reason) {
        queue.remove(job);
        running.remove(job);
        job.state = finalState;
        job.finishedNanos = nowNanos;
        job.failureReason = reason;
        finishedCounts.merge(finalState, 1L, Long::sum);
        record(SimEvent.Type.valueOf(finalState.name()), job.jobId, reason == null ? "" : reason);
    }

    private int usedUnits() {
        int used = 0;
        for (SimulatedJob job : running) {
            used += job.units;
        }
        return used;
    }

    private SimulatedJob find(String jobId) {
        SimulatedJob job = jobs.get(jobId);
        if (job == null) {
            throw new UnknownJobException(settings.name(), jobId);
        }
        return job;
    }

    private JobView view(SimulatedJob job) {
        return job.view(settings.name(), settings.kind(), clock, nowNanos, slowdown);
    }

    /** Real seconds until the backend is expected up again (at least 1; 5 when nobody knows). */
    private long retryAfterSeconds() {
        long until = NONE;
        if (state == State.MAINTENANCE) {
            until = settings.maintenance().nextBoundaryAfter(nowNanos);
        } else if (injectedDown) {
            until = injectedDownUntil;
        } else if (randomOutageUntil != NONE) {
            until = randomOutageUntil;
        }
        if (until == NONE) {
            return 5;
        }
        double realSeconds = (until - nowNanos) / 1e9 / clock.timeScale();
        return Math.max(1, (long) Math.ceil(realSeconds));
    }

    private void record(SimEvent.Type type, String jobId, String detail) {
        eventSequence++;
        events.addLast(new SimEvent(eventSequence, clock.toInstant(nowNanos), type, jobId, detail));
        if (events.size() > EVENT_LOG_LIMIT) {
            events.removeFirst();
        }
    }

    private static long drawAfter(long fromNanos, SplittableRandom random, double ratePerSecond) {
        if (ratePerSecond <= 0) {
            return NONE;
        }
        long gap = Math.max(1, (long) (exponential(random, 1.0 / ratePerSecond) * 1e9));
        return saturatedAdd(fromNanos, gap);
    }

    private static double exponential(SplittableRandom random, double meanSeconds) {
        return -Math.log(1.0 - random.nextDouble()) * meanSeconds;
    }

    private static long saturatedAdd(long a, long b) {
        long sum = a + b;
        return ((a ^ sum) & (b ^ sum)) < 0 ? NONE : sum;
    }
}
