package dev.clipstream.backends.sim;

import dev.clipstream.backends.api.BackendKindName;
import dev.clipstream.backends.api.JobRequest;
import dev.clipstream.backends.api.JobState;
import dev.clipstream.backends.api.JobView;
import java.time.Instant;

/** One job inside a simulator; mutable, guarded by the simulator's lock. Work is tracked in full-speed seconds. */
final class SimulatedJob {

    final String jobId;
    final long sequence;
    final JobRequest request;
    final int units;
    final double nominalSeconds;
    final long submittedNanos;
    JobState state = JobState.QUEUED;
    long startedNanos = -1;
    long finishedNanos = -1;
    double doneSeconds;
    double costUsd;
    String failureReason;

    SimulatedJob(String jobId, long sequence, JobRequest request, int units, double nominalSeconds,
                 long submittedNanos) {
        this.jobId = jobId;
        this.sequence = sequence;
        this.request = request;
        this.units = units;
        this.nominalSeconds = nominalSeconds;
        this.submittedNanos = submittedNanos;
    }

    double remainingSeconds() {
        return Math.max(0, nominalSeconds - doneSeconds);
    }

    JobView view(String backend, BackendKindName kind, SimulatedClock clock, long nowNanos, double slowdown) {
        double duration;
        if (state.isFinal()) {
            duration = startedNanos < 0 ? 0 : (finishedNanos - startedNanos) / 1e9;
        } else if (state == JobState.RUNNING) {
            duration = (nowNanos - startedNanos) / 1e9 + remainingSeconds() * slowdown;
        } else {
            duration = nominalSeconds * slowdown;
        }
        double progress = nominalSeconds <= 0 ? (state == JobState.SUCCEEDED ? 1 : 0)
                : Math.min(1.0, doneSeconds / nominalSeconds);
        return new JobView(jobId, request.batchId(), backend, kind, state, clock.toInstant(submittedNanos),
                instantOrNull(clock, startedNanos), instantOrNull(clock, finishedNanos), progress, duration, costUsd,
                failureReason, units);
    }

    private static Instant instantOrNull(SimulatedClock clock, long nanos) {
        return nanos < 0 ? null : clock.toInstant(nanos);
    }
}
