package dev.clipstream.backends.sim;

import java.time.Duration;

/**
 * How a backend's unit count (GPU supply) changes by itself: every {@code interval} of simulated time it moves
 * by -step, 0 or +step (equally likely, from the seed), kept within [minUnits, maxUnits]. A zero interval means
 * a fixed capacity.
 */
public record SupplyWalk(Duration interval, int step, int minUnits, int maxUnits) {

    public SupplyWalk {
        if (interval.isNegative()) {
            throw new IllegalArgumentException("supply interval must not be negative, was " + interval);
        }
        if (step < 0 || minUnits < 0 || maxUnits < minUnits) {
            throw new IllegalArgumentException("supply walk needs step >= 0 and 0 <= min <= max, was step " + step
                    + ", min " + minUnits + ", max " + maxUnits);
        }
    }

    public static SupplyWalk none() {
        return new SupplyWalk(Duration.ZERO, 0, 0, 1_000_000);
    }

    public boolean enabled() {
        return !interval.isZero() && step > 0;
    }
}
