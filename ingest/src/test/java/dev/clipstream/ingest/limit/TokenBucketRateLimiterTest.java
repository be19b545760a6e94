package dev.clipstream.ingest.limit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TokenBucketRateLimiterTest {

    private final AtomicLong nanos = new AtomicLong(1_000_000_000L);

    @Test
    void allowsABurstThenRefillsAtTheRate() {
        TokenBucketRateLimiter limiter = new TokenBucketRateLimiter(2.0, 3, nanos::get);
        assertThat(limiter.tryAcquire("a").allowed()).isTrue();
        assertThat(limiter.tryAcquire("a").allowed()).isTrue();
        assertThat(limiter.tryAcquire("a").allowed()).isTrue();
        TokenBucketRateLimiter.Decision refused = limiter.tryAcquire("a");
        assertThat(refused.allowed()).isFalse();
        assertThat(refused.retryAfter()).isEqualTo(Duration.ofMillis(500));

        nanos.addAndGet(Duration.ofMillis(500).toNanos());
        assertThat(limiter.tryAcquire("a").allowed()).isTrue();
        assertThat(limiter.tryAcquire("a").allowed()).isFalse();
    }

    @Test
    void bucketsArePerVehicleAndNeverExceedTheBurst() {
        TokenBucketRateLimiter limiter = new TokenBucketRateLimiter(1.0, 1, nanos::get);
        assertThat(limiter.tryAcquire("a").allowed()).isTrue();
        assertThat(limiter.tryAcquire("a").allowed()).isFalse();
        assertThat(limiter.tryAcquire("b").allowed()).isTrue();
        nanos.addAndGet(Duration.ofHours(1).toNanos());
        assertThat(limiter.tryAcquire("a").allowed()).isTrue();
        assertThat(limiter.tryAcquire("a").allowed()).as("an hour idle still refills only one burst").isFalse();
    }

    @Test
    void zeroRateMeansUnlimited() {
        TokenBucketRateLimiter limiter = new TokenBucketRateLimiter(0, 1, nanos::get);
        assertThat(limiter.enabled()).isFalse();
        for (int i = 0; i < 1000; i++) {
            assertThat(limiter.tryAcquire("a").allowed()).isTrue();
        }
    }
}
