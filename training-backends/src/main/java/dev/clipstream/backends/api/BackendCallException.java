package dev.clipstream.backends.api;

/** The backend answered with a non-2xx status other than 503; carries the status and the response body. */
public class BackendCallException extends RuntimeException {

    private final int status;
    private final String body;

    public BackendCallException(String message, int status, String body) {
        super(message + " (HTTP " + status + "): " + body);
        this.status = status;
        this.body = body;
    }

    public int status() {
        return status;
    }

    public String body() {
        return body;
    }
}
