package dev.clipstream.ingest.limit;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * One token bucket per vehicle: {@code burst} uploads at once, refilled at {@code perSecond}. Only authenticated
 * vehicles reach it, so the number of buckets is bounded by the tokens file. {@code perSecond <= 0} disables it.
 */
public final class TokenBucketRateLimiter {

    /** @param retryAfter how long until the next upload would be allowed; zero when allowed now */
    public record Decision(boolean allowed, Duration retryAfter) {
        static final Decision ALLOWED = new Decision(true, Duration.ZERO);
    }

    private final double perSecond;
    private final double burst;
    private final LongSupplier nanoClock;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

    public TokenBucketRateLimiter(double perSecond, int burst) {
        this(perSecond, burst, System::nanoTime);
    }

    public TokenBucketRateLimiter(double perSecond, int burst, LongSupplier nanoClock) {
        if (perSecond > 0 && burst < 1) {
            throw new IllegalArgumentException("Rate limit burst must be >= 1, was " + burst);
        }
        this.perSecond = perSecond;
        this.burst = burst;
        this.nanoClock = nanoClock;
    }

    public boolean enabled() {
        return perSecond > 0;
    }

    public Decision tryAcquire(String vehicleId) {
        if (!enabled()) {
            return Decision.ALLOWED;
        }
        return buckets.computeIfAbsent(vehicleId, id -> new Bucket(burst, nanoClock.getAsLong())).take();
    }

    private final class Bucket {
        private double tokens;
        private long refilledAt;

        Bucket(double tokens, long now) {
            this.tokens = tokens;
            this.refilledAt = now;
        }

        synchronized Decision take() {
            long now = nanoClock.getAsLong();
            tokens = Math.min(burst, tokens + (now - refilledAt) / 1e9 * perSecond);
            refilledAt = now;
            if (tokens >= 1) {
                tokens -= 1;
                return Decision.ALLOWED;
            }
            long waitNanos = (long) Math.ceil((1 - tokens) / perSecond * 1e9);
            return new Decision(false, Duration.ofNanos(waitNanos));
        }
    }
}
