package dev.clipstream.ingest.events;

/** The broker did not acknowledge an event in time, or could not be reached. */
public class PublishFailedException extends RuntimeException {

    public PublishFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
