package dev.clipstream.fleet.upload;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    private final RetryPolicy policy = new RetryPolicy(10, Duration.ofMillis(100), Duration.ofSeconds(5),
            Duration.ofSeconds(60));

    @Test
    void fullJitterSpansZeroToTheCappedExponential() {
        assertThat(policy.delay(1, Optional.empty(), () -> 0.0)).isEqualTo(Duration.ZERO);
        assertThat(policy.delay(1, Optional.empty(), () -> 0.999999)).isEqualTo(Duration.ofMillis(99));
        assertThat(policy.delay(3, Optional.empty(), () -> 0.5)).isEqualTo(Duration.ofMillis(200));
        assertThat(policy.delay(8, Optional.empty(), () -> 0.999999)).isEqualTo(Duration.ofMillis(4999));
        assertThat(policy.delay(100, Optional.empty(), () -> 0.5)).as("no overflow").isEqualTo(Duration.ofMillis(2500));
    }

    @Test
    void retryAfterIsAFloorCappedByMaxRetryAfter() {
        assertThat(policy.delay(1, Optional.of(Duration.ofSeconds(7)), () -> 0.0)).isEqualTo(Duration.ofSeconds(7));
        assertThat(policy.delay(1, Optional.of(Duration.ofSeconds(7)), () -> 0.5)).isEqualTo(Duration.ofMillis(7050));
        assertThat(policy.delay(1, Optional.of(Duration.ofHours(2)), () -> 0.0)).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void retryableStatuses() {
        assertThat(RetryPolicy.retryable(503)).isTrue();
        assertThat(RetryPolicy.retryable(500)).isTrue();
        assertThat(RetryPolicy.retryable(429)).isTrue();
        assertThat(RetryPolicy.retryable(408)).isTrue();
        assertThat(RetryPolicy.retryable(400)).isFalse();
        assertThat(RetryPolicy.retryable(401)).isFalse();
        assertThat(RetryPolicy.retryable(409)).isFalse();
        assertThat(RetryPolicy.retryable(413)).isFalse();
    }

    @Test
    void refusesNonsense() {
        assertThatThrownBy(() -> new RetryPolicy(0, Duration.ZERO, Duration.ZERO, Duration.ZERO))
                .hasMessageContaining("maxAttempts");
        assertThatThrownBy(() -> new RetryPolicy(1, Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ZERO))
                .hasMessageContaining("maxDelay >= baseDelay");
    }
}
