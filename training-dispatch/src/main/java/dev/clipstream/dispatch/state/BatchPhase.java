package dev.clipstream.dispatch.state;

/** Where a batch is, as its durable events say. */
public enum BatchPhase {
    /** Queued or back from an attempt that ended without success; no job exists for it anywhere. */
    WAITING,
    /** A backend was chosen and recorded; its job may or may not exist yet (submit in flight or unknown). */
    ASSIGNED,
    /** The backend accepted the job (jobId known). */
    PLACED,
    /** The job runs. */
    RUNNING,
    /** The job succeeded; final. */
    COMPLETED;

    public boolean onBackend() {
        return this == ASSIGNED || this == PLACED || this == RUNNING;
    }
}
