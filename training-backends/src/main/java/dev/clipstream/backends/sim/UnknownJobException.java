package dev.clipstream.backends.sim;

/** No job with this id exists on the backend. */
public final class UnknownJobException extends RuntimeException {

    private final String jobId;

    UnknownJobException(String backend, String jobId) {
        super("Backend " + backend + " has no job '" + jobId + "'");
        this.jobId = jobId;
    }

    public String jobId() {
        return jobId;
    }
}
