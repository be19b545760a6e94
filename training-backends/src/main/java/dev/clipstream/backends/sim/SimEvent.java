package dev.clipstream.backends.sim;

import java.time.Instant;

/**
 * One thing that happened in a simulated backend, in order: a job changed state, the backend went down or up,
 * capacity or speed changed. {@code jobId} is null for backend-wide events.
 */
public record SimEvent(long sequence, Instant at, Type type, String jobId, String detail) {

    public enum Type {
        SUBMITTED, STARTED, SUCCEEDED, FAILED, PREEMPTED, CANCELLED,
        OUTAGE_STARTED, OUTAGE_ENDED, MAINTENANCE_STARTED, MAINTENANCE_ENDED,
        CAPACITY_CHANGED, SLOWDOWN_CHANGED
    }
}
