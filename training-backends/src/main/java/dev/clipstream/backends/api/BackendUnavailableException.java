package dev.clipstream.backends.api;

/** The backend could not be reached, did not answer within the timeout, or answered 503 (down). */
public class BackendUnavailableException extends RuntimeException {

    public BackendUnavailableException(String message) {
        super(message);
    }

    public BackendUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
