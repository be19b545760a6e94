package dev.clipstream.ingest;

/** Ingest could not start; the message says what to fix. */
public class IngestStartException extends RuntimeException {

    public IngestStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
