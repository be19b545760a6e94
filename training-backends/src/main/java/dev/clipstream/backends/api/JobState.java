package dev.clipstream.backends.api;

/** Where a training job is in its life: QUEUED -> RUNNING -> one of the four final states. */
public enum JobState {
    QUEUED,
    RUNNING,
    SUCCEEDED,
    FAILED,
    PREEMPTED,
    CANCELLED;

    /** True once the job can no longer change state. */
    public boolean isFinal() {
        return this != QUEUED && this != RUNNING;
    }
}
