package dev.clipstream.ingest.events;

import dev.clipstream.schemas.avro.ClipUploaded;

/** Sends ClipUploaded events and returns only once the broker has acknowledged them. */
public interface EventPublisher extends AutoCloseable {

    /**
     * @throws PublishFailedException when the event was not acknowledged in time; it may still arrive later, so
     *                                the upload must not be reported as accepted
     */
    void publish(ClipUploaded event);

    /** Flushes what is pending and releases the client (bounded). */
    @Override
    void close();
}
