package dev.clipstream.dispatch.state;

import dev.clipstream.dispatch.policy.BatchPriority;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;

/**
 * What the dispatcher knows about one batch. The durable part is rebuilt from dispatch.events; the fields marked
 * "in memory" are not and start empty after a restart. Owned by the dispatch loop thread; not thread-safe.
 */
public final class BatchRecord {

    private final String batchId;
    private final JobSpec spec;
    private BatchPhase phase = BatchPhase.WAITING;
    private String backend;
    private String previousBackend;
    private String jobId;
    private int attempt;
    private Instant lastEventTime;
    private Double durationSeconds;
    private Double costUsd;
    private int completions;
    private final Set<String> endedJobIds = new HashSet<>();

    // In memory only.
    private Instant notBefore = Instant.EPOCH;
    private final Set<String> excluded = new HashSet<>();
    private long assignedAtNanos;
    private long submitSettledAtNanos;
    private boolean submitInFlight;
    private boolean cancelSent;
    private long lastCancelAtNanos;
    private boolean held;

    BatchRecord(String batchId, JobSpec spec) {
        this.batchId = batchId;
        this.spec = spec;
    }

    /**
     * What a job for this batch needs, taken from the QUEUED event.
     *
     * @param publishedAt timestamp of the training.batches record
     */
    public record JobSpec(String campaignId, long clipCount, double videoSeconds, double framesPerSecond,
                          BatchPriority priority, Instant publishedAt) {
    }

    public String batchId() {
        return batchId;
    }

    public JobSpec spec() {
        return spec;
    }

    public BatchPhase phase() {
        return phase;
    }

    public String backend() {
        return backend;
    }

    public String previousBackend() {
        return previousBackend;
    }

    public String jobId() {
        return jobId;
    }

    public int attempt() {
        return attempt;
    }

    public Instant lastEventTime() {
        return lastEventTime;
    }

    public Double durationSeconds() {
        return durationSeconds;
    }

    public Double costUsd() {
        return costUsd;
    }

    /** COMPLETED events seen for this batch; more than one would be a double training. */
    public int completions() {
        return completions;
    }

    /** Jobs of earlier attempts that ended without success; a backend listing them is not reporting this attempt. */
    public Set<String> endedJobIds() {
        return endedJobIds;
    }

    public Instant notBefore() {
        return notBefore;
    }

    public Set<String> excluded() {
        return excluded;
    }

    public long assignedAtNanos() {
        return assignedAtNanos;
    }

    public long submitSettledAtNanos() {
        return submitSettledAtNanos;
    }

    public boolean submitInFlight() {
        return submitInFlight;
    }

    /**
     * True if a cancel of this batch's job was sent less than {@code window} ago. (A flag, not a sentinel time: with
     * nanoTime arithmetic {@code now - Long.MIN_VALUE} overflows, and a sentinel once made every cancel look recent.)
     */
    public boolean cancelSentWithin(long nowNanos, java.time.Duration window) {
        return cancelSent && nowNanos - lastCancelAtNanos < window.toNanos();
    }

    public void retryNotBefore(Instant time) {
        notBefore = time;
    }

    public void exclude(String backendName) {
        excluded.add(backendName);
    }

    public void submitStarted(long nanos) {
        assignedAtNanos = nanos;
        submitInFlight = true;
        held = false;
    }

    /** ASSIGNED and recorded, not sent yet: waits in the dispatcher for a free slot on its backend. */
    public boolean held() {
        return held;
    }

    public void hold() {
        held = true;
    }

    public void submitSettled(long nanos) {
        submitSettledAtNanos = nanos;
        submitInFlight = false;
    }

    public void cancelSent(long nanos) {
        cancelSent = true;
        lastCancelAtNanos = nanos;
    }

    void assigned(String backendName, int newAttempt, Instant time) {
        phase = BatchPhase.ASSIGNED;
        previousBackend = backend != null ? backend : previousBackend;
        backend = backendName;
        jobId = null;
        attempt = newAttempt;
        lastEventTime = time;
        submitInFlight = false;
        submitSettledAtNanos = 0;
        assignedAtNanos = 0;
        held = false;
    }

    void placed(String newJobId, Instant time) {
        held = false;
        phase = BatchPhase.PLACED;
        jobId = newJobId;
        lastEventTime = time;
    }

    void started(Instant time) {
        phase = BatchPhase.RUNNING;
        lastEventTime = time;
    }

    void completed(Double duration, Double cost, Instant time) {
        phase = BatchPhase.COMPLETED;
        durationSeconds = duration;
        costUsd = cost;
        completions++;
        lastEventTime = time;
    }

    void backToWaiting(String endedJobId, Instant time) {
        if (endedJobId != null) {
            endedJobIds.add(endedJobId);
        }
        if (jobId != null) {
            endedJobIds.add(jobId);
        }
        phase = BatchPhase.WAITING;
        held = false;
        previousBackend = backend;
        backend = null;
        jobId = null;
        lastEventTime = time;
    }
}
