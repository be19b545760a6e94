package dev.clipstream.backends.sim;

/** A submit reached a backend that is down or in maintenance; says when to try again (real seconds). */
public final class BackendDownException extends RuntimeException {

    private final String state;
    private final long retryAfterSeconds;

    BackendDownException(String message, String state, long retryAfterSeconds) {
        super(message);
        this.state = state;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** "DOWN" or "MAINTENANCE". */
    public String state() {
        return state;
    }

    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }
}
