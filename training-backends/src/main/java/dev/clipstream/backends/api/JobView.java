package dev.clipstream.backends.api;

import java.time.Instant;

/**
 * A training job as the backend reports it. Times are the backend's simulated time; {@code startedAt} and
 * {@code finishedAt} are null until they happen; {@code failureReason} is null unless FAILED or PREEMPTED.
 */
public record JobView(String jobId, String batchId, String backend, BackendKindName kind, JobState state,
                      Instant submittedAt, Instant startedAt, Instant finishedAt, double progress,
                      double simulatedDurationSeconds, double costUsd, String failureReason, int units) {
}
