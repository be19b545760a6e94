package dev.clipstream.ingest.testing;

import dev.clipstream.ingest.events.EventPublisher;
import dev.clipstream.ingest.events.PublishFailedException;
import dev.clipstream.schemas.avro.ClipUploaded;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** An {@link EventPublisher} that keeps what it is given, or fails while {@link #failing} is set. */
public final class RecordingPublisher implements EventPublisher {

    public final List<ClipUploaded> events = new CopyOnWriteArrayList<>();
    public volatile boolean failing;

    @Override
    public void publish(ClipUploaded event) {
        if (failing) {
            throw new PublishFailedException("simulated broker outage", null);
        }
        events.add(event);
    }

    @Override
    public void close() {
    }
}
