package dev.clipstream.ingest.events;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One lock per clip id in flight, so two concurrent uploads of the same clip are decided one after the other (the
 * second sees the first's acceptance) while uploads of different clips never wait for each other. Entries are
 * removed when their last user leaves, so the map holds only clips in flight.
 */
public final class ClipLocks {

    private final Map<UUID, Entry> locks = new ConcurrentHashMap<>();

    /** Held while an upload of one clip is decided; close it to let the next one in. */
    public interface Lease extends AutoCloseable {
        @Override
        void close();
    }

    private static final class Entry {
        final ReentrantLock lock = new ReentrantLock();
        int users;
    }

    /** The lease, or empty when another upload of the clip held it for all of {@code wait}. */
    public Optional<Lease> tryAcquire(UUID clipId, Duration wait) throws InterruptedException {
        Entry entry = locks.compute(clipId, (id, existing) -> {
            Entry e = existing != null ? existing : new Entry();
            e.users++;
            return e;
        });
        boolean locked = false;
        try {
            locked = entry.lock.tryLock(wait.toNanos(), TimeUnit.NANOSECONDS);
        } finally {
            if (!locked) {
                leave(clipId);
            }
        }
        if (!locked) {
            return Optional.empty();
        }
        return Optional.of(() -> {
            entry.lock.unlock();
            leave(clipId);
        });
    }

    int size() {
        return locks.size();
    }

    private void leave(UUID clipId) {
        locks.computeIfPresent(clipId, (id, e) -> --e.users == 0 ? null : e);
    }
}
