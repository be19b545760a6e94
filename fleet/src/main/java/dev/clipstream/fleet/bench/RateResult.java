package dev.clipstream.fleet.bench;

import java.time.Duration;

/**
 * One timed run of N operations (file writes or uploads) of the same size.
 *
 * @param elapsed from the start of the first operation to the end of the last
 * @param failed  operations that did not succeed (uploads only; they are not in the rates)
 */
public record RateResult(int operations, long bytesEach, Duration elapsed, double p50Millis, double p99Millis,
                         int failed, long retries) {

    public double perSecond() {
        return (operations - failed) / seconds();
    }

    public double megabytesPerSecond() {
        return (operations - failed) * (double) bytesEach / 1e6 / seconds();
    }

    private double seconds() {
        return Math.max(1e-9, elapsed.toNanos() / 1e9);
    }
}
