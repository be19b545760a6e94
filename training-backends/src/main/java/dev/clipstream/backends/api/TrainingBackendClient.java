package dev.clipstream.backends.api;

import java.util.List;
import java.util.Optional;

/**
 * A training backend as the dispatcher sees it. Implementations bound every call by a timeout and fail with
 * {@link BackendUnavailableException} (unreachable, timed out, 503) or {@link BackendCallException} (any other
 * non-2xx answer); both are unchecked.
 */
public interface TrainingBackendClient extends AutoCloseable {

    /** The backend's name, e.g. "dojo". */
    String name();

    /** Submits a job; idempotent by {@link JobRequest#batchId()}. */
    JobView submit(JobRequest request);

    /** The job, or empty when the backend does not know the id. */
    Optional<JobView> job(String jobId);

    /** Every job record the backend has, in submission order. */
    List<JobView> jobs();

    /** Cancels the job; returns it CANCELLED, or in its final state if it had already finished. */
    JobView cancel(String jobId);

    /** Capacity, free capacity, queue and up/down; answered while the backend is down too. */
    BackendStatusView status();

    @Override
    void close();
}
