package dev.clipstream.backends.api;

/**
 * A request to train one batch. {@code batchId} is the idempotency key: submitting the same batchId again returns
 * the job already made for it (unless that job FAILED or was PREEMPTED, which starts a new attempt).
 */
public record JobRequest(String batchId, String campaignId, long clipCount, double videoSeconds,
                         double framesPerSecond, Priority priority) {
}
