package dev.clipstream.ingest.events;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/** An index held only in memory: for tests and as the map behind {@link KafkaAcceptedClipIndex}. */
public final class InMemoryAcceptedClipIndex implements AcceptedClipIndex {

    private final Map<UUID, AcceptedClip> clips = new ConcurrentHashMap<>();

    @Override
    public boolean ready() {
        return true;
    }

    @Override
    public Optional<AcceptedClip> find(UUID clipId) {
        return Optional.ofNullable(clips.get(clipId));
    }

    @Override
    public void record(AcceptedClip clip) {
        clips.putIfAbsent(clip.clipId(), clip);
    }

    @Override
    public int size() {
        return clips.size();
    }

    @Override
    public void close() {
    }
}
