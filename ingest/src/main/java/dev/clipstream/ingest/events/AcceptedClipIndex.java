package dev.clipstream.ingest.events;

import java.util.Optional;
import java.util.UUID;

/** Every clip ingest has accepted (its ClipUploaded is in Kafka), by clip id: the memory behind idempotent retries. */
public interface AcceptedClipIndex extends AutoCloseable {

    /** False until the index has loaded what was accepted before this instance started. */
    boolean ready();

    Optional<AcceptedClip> find(UUID clipId);

    /** Remembers a clip whose event the broker has acknowledged; the first acceptance of a clip id wins. */
    void record(AcceptedClip clip);

    int size();

    @Override
    void close();
}
