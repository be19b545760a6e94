package dev.clipstream.fleet.upload;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.function.DoubleSupplier;

/**
 * When and how long to wait before trying an upload again: exponential backoff with full jitter (a random wait
 * between 0 and base * 2^(retry-1), capped), so thousands of vehicles that failed together do not come back
 * together; a Retry-After from the server is a floor (capped by {@code maxRetryAfter}), with a little jitter on top.
 *
 * @param maxAttempts   attempts per clip, the first one included; then the clip counts as failed
 * @param baseDelay     backoff scale of the first retry
 * @param maxDelay      cap of the exponential part
 * @param maxRetryAfter cap of a server's Retry-After, so a wrong header cannot park a vehicle for hours
 */
public record RetryPolicy(int maxAttempts, Duration baseDelay, Duration maxDelay, Duration maxRetryAfter) {

    public RetryPolicy {
        Objects.requireNonNull(baseDelay, "baseDelay");
        Objects.requireNonNull(maxDelay, "maxDelay");
        Objects.requireNonNull(maxRetryAfter, "maxRetryAfter");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be >= 1, was " + maxAttempts);
        }
        if (baseDelay.isNegative() || maxDelay.compareTo(baseDelay) < 0 || maxRetryAfter.isNegative()) {
            throw new IllegalArgumentException("Delays must be >= 0 and maxDelay >= baseDelay, were base "
                    + baseDelay + ", max " + maxDelay + ", max Retry-After " + maxRetryAfter);
        }
    }

    public static RetryPolicy defaults() {
        return new RetryPolicy(8, Duration.ofMillis(250), Duration.ofSeconds(30), Duration.ofSeconds(120));
    }

    /** The response statuses worth trying again: timeouts, rate limits and server-side trouble. */
    public static boolean retryable(int status) {
        return status == 408 || status == 429 || status >= 500;
    }

    /**
     * The wait before retry number {@code retry} (1 = the first retry).
     *
     * @param random uniform in [0, 1)
     */
    public Duration delay(int retry, Optional<Duration> retryAfter, DoubleSupplier random) {
        long capMillis = maxDelay.toMillis();
        long exponential = baseDelay.toMillis() << Math.min(30, Math.max(0, retry - 1));
        long ceiling = Math.min(capMillis, exponential < 0 ? capMillis : exponential);
        if (retryAfter.isPresent()) {
            long floor = Math.min(retryAfter.get().toMillis(), maxRetryAfter.toMillis());
            return Duration.ofMillis(floor + (long) (random.getAsDouble() * baseDelay.toMillis()));
        }
        return Duration.ofMillis((long) (random.getAsDouble() * ceiling));
    }
}
