package dev.clipstream.cli.demo;

import dev.clipstream.fleet.upload.ClipSource;
import dev.clipstream.fleet.upload.ClipTask;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Hands out the clips of another source at a steady rate, like a fleet whose vehicles each send a clip every few
 * seconds, instead of as fast as the upload workers can go. A worker asking early waits for its slot.
 */
final class PacedClips implements ClipSource {

    private final ClipSource source;
    private final long nanosPerClip;
    private final long startNanos;
    private final AtomicLong slots = new AtomicLong();
    private volatile boolean stopped;

    /** @param clipsPerSecond total rate over all vehicles, > 0 */
    PacedClips(ClipSource source, double clipsPerSecond) {
        if (!(clipsPerSecond > 0)) {
            throw new IllegalArgumentException("clips per second must be > 0, was " + clipsPerSecond);
        }
        this.source = source;
        this.nanosPerClip = (long) (1e9 / clipsPerSecond);
        this.startNanos = System.nanoTime();
    }

    /** Vehicles each sending one clip per interval. */
    static double rate(int vehicles, Duration interval) {
        return vehicles / (interval.toNanos() / 1e9);
    }

    @Override
    public Optional<ClipTask> next() {
        long due = startNanos + slots.getAndIncrement() * nanosPerClip;
        long wait;
        while (!stopped && (wait = due - System.nanoTime()) > 0) {
            LockSupport.parkNanos(Math.min(wait, 100_000_000L));
        }
        return stopped ? Optional.empty() : source.next();
    }

    /** Ends the source: waiting workers get no more clips. */
    void stop() {
        stopped = true;
    }
}
