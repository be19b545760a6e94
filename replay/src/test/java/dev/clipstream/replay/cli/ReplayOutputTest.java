package dev.clipstream.replay.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class ReplayOutputTest {

    @Test
    void sizesUseTheLargestFittingBinaryUnit() {
        assertThat(ReplayOutput.bytes(500)).isEqualTo("500 bytes");
        assertThat(ReplayOutput.bytes(3L * 1024 * 1024)).isEqualTo("3.0 MiB");
        assertThat(ReplayOutput.bytes(5L * 1024 * 1024 * 1024)).isEqualTo("5.00 GiB");
        assertThat(ReplayOutput.bytes(2_120_000_000_000L)).isEqualTo("1.93 TiB");
    }

    @Test
    void durationsAreSecondsWhenShortAndHoursMinutesSecondsOtherwise() {
        assertThat(ReplayOutput.duration(Duration.ofMillis(2600))).isEqualTo("2.6 s");
        assertThat(ReplayOutput.duration(Duration.ofMillis(8_783_204))).isEqualTo("2h 26m 23s");
    }
}
