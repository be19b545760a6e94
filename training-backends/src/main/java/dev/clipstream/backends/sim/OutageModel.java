package dev.clipstream.backends.sim;

import java.time.Duration;

/**
 * Random whole-backend outages: a Poisson process of {@code ratePerDay} outages per simulated day, each lasting an
 * exponentially distributed time with mean {@code meanDuration}. Rate 0 means none.
 */
public record OutageModel(double ratePerDay, Duration meanDuration) {

    public OutageModel {
        if (!(ratePerDay >= 0) || Double.isInfinite(ratePerDay)) {
            throw new IllegalArgumentException("outage rate per day must be >= 0, was " + ratePerDay);
        }
        if (meanDuration.isNegative() || (ratePerDay > 0 && meanDuration.isZero())) {
            throw new IllegalArgumentException("outage mean duration must be positive, was " + meanDuration);
        }
    }

    public static OutageModel none() {
        return new OutageModel(0, Duration.ofMinutes(30));
    }
}
