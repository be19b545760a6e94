package dev.clipstream.backends.sim;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Simulated time. A scaled clock runs {@code timeScale} times faster than real time from a start instant
 * (simulated = start + real elapsed x timeScale); a manual clock moves only when a test calls {@link #advance}.
 * Thread-safe.
 */
public final class SimulatedClock {

    private final Instant start;
    private final double timeScale;
    private final LongSupplier realNanos;
    private final long realStartNanos;
    private final boolean manual;
    private long manualElapsedNanos;

    private SimulatedClock(Instant start, double timeScale, LongSupplier realNanos, boolean manual) {
        this.start = Objects.requireNonNull(start, "start");
        ThroughputModel.requirePositive("timeScale", timeScale);
        this.timeScale = timeScale;
        this.realNanos = realNanos;
        this.realStartNanos = realNanos.getAsLong();
        this.manual = manual;
    }

    /** Runs from {@code start} at {@code timeScale} simulated seconds per real second. */
    public static SimulatedClock scaled(Instant start, double timeScale) {
        return new SimulatedClock(start, timeScale, System::nanoTime, false);
    }

    /** Stands still until {@link #advance}; for tests. */
    public static SimulatedClock manual(Instant start) {
        return new SimulatedClock(start, 1.0, () -> 0L, true);
    }

    public Instant start() {
        return start;
    }

    public double timeScale() {
        return timeScale;
    }

    public boolean isManual() {
        return manual;
    }

    /** Simulated nanoseconds since {@link #start()}. */
    public synchronized long elapsedNanos() {
        if (manual) {
            return manualElapsedNanos;
        }
        double scaled = (realNanos.getAsLong() - realStartNanos) * timeScale;
        return scaled >= Long.MAX_VALUE ? Long.MAX_VALUE : (long) scaled;
    }

    public Instant now() {
        return toInstant(elapsedNanos());
    }

    public Instant toInstant(long elapsedNanos) {
        return start.plusNanos(elapsedNanos);
    }

    /** Moves a manual clock forward. */
    public synchronized void advance(Duration duration) {
        if (!manual) {
            throw new IllegalStateException("only a manual clock can be advanced by hand");
        }
        if (duration.isNegative()) {
            throw new IllegalArgumentException("time does not go backwards: " + duration);
        }
        manualElapsedNanos = Math.addExact(manualElapsedNanos, duration.toNanos());
    }
}
