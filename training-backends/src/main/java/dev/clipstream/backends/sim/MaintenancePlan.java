package dev.clipstream.backends.sim;

import java.time.Duration;

/**
 * Scheduled maintenance windows in simulated time: the first starts {@code offset} after the simulation's start,
 * then one every {@code period}, each lasting {@code length}. A zero period means no maintenance.
 */
public record MaintenancePlan(Duration period, Duration length, Duration offset) {

    public MaintenancePlan {
        if (period.isNegative() || length.isNegative() || offset.isNegative()) {
            throw new IllegalArgumentException("maintenance period, length and offset must not be negative");
        }
        if (!period.isZero() && length.compareTo(period) >= 0) {
            throw new IllegalArgumentException("maintenance length (" + length + ") must be shorter than its period ("
                    + period + ")");
        }
    }

    public static MaintenancePlan none() {
        return new MaintenancePlan(Duration.ZERO, Duration.ZERO, Duration.ZERO);
    }

    public boolean enabled() {
        return !period.isZero() && !length.isZero();
    }

    /** Whether simulated time {@code nanos} (since the start) lies inside a window. */
    boolean inWindow(long nanos) {
        if (!enabled() || nanos < offset.toNanos()) {
            return false;
        }
        return (nanos - offset.toNanos()) % period.toNanos() < length.toNanos();
    }

    /** The first window start or end strictly after {@code nanos}; Long.MAX_VALUE when there is none. */
    long nextBoundaryAfter(long nanos) {
        if (!enabled()) {
            return Long.MAX_VALUE;
        }
        long first = offset.toNanos();
        if (nanos < first) {
            return first;
        }
        long periodNanos = period.toNanos();
        long windowStart = first + ((nanos - first) / periodNanos) * periodNanos;
        long windowEnd = windowStart + length.toNanos();
        return nanos < windowEnd ? windowEnd : windowStart + periodNanos;
    }
}
