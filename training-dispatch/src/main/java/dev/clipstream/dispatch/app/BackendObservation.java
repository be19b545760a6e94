package dev.clipstream.dispatch.app;

import dev.clipstream.backends.api.BackendStatusView;
import dev.clipstream.backends.api.JobView;
import java.util.List;

/**
 * One poll of a backend: its status and its job list, or why it did not answer.
 *
 * @param requestedAtNanos {@link System#nanoTime()} before the first call; anything the dispatcher did after this
 *                         may be missing from the answer
 */
record BackendObservation(String backend, long requestedAtNanos, BackendStatusView status, List<JobView> jobs,
                          String failure) {

    static BackendObservation answered(String backend, long requestedAtNanos, BackendStatusView status,
                                       List<JobView> jobs) {
        return new BackendObservation(backend, requestedAtNanos, status, List.copyOf(jobs), null);
    }

    static BackendObservation silent(String backend, long requestedAtNanos, String failure) {
        return new BackendObservation(backend, requestedAtNanos, null, List.of(), failure);
    }

    boolean answering() {
        return failure == null;
    }
}
