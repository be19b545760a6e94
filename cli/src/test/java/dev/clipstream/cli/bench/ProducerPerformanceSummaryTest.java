package dev.clipstream.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class ProducerPerformanceSummaryTest {

    // Lines as ProducerPerformance 4.4.0 prints them (format string read from its Stats class).
    private static final String WINDOW = "480211 records sent, 96023.4 records/sec (33.62 MB/sec), 210.3 ms avg latency, "
            + "612.0 ms max latency.";
    private static final String SUMMARY = "200000 records sent, 64808.813999 records/sec (22.68 MB/sec), "
            + "301.48 ms avg latency, 790.00 ms max latency, 280 ms 50th, 610 ms 95th, 700 ms 99th, 780 ms 99.9th.";

    @Test
    void readsRecordsRecordsPerSecondAndMegabytesFromTheSummaryLine() {
        RunResult result = ProducerPerformanceSummary.parse(SUMMARY + "\n");

        assertThat(result.records()).isEqualTo(200_000);
        assertThat(result.recordsPerSecond()).isCloseTo(64808.813999, within(1e-6));
        assertThat(result.megabytesPerSecond()).isCloseTo(22.68, within(1e-9));
    }

    @Test
    void takesTheLastSummaryAndSkipsSteadyStateLines() {
        String output = "200000 records sent, 1000.0 records/sec (0.35 MB/sec), 1.00 ms avg latency, 2.00 ms max latency, "
                + "1 ms 50th, 1 ms 95th, 1 ms 99th, 1 ms 99.9th.\n"
                + SUMMARY + "\n"
                + "150000 steady state records sent, 99999.0 records/sec (35.00 MB/sec), 1.00 ms avg latency, "
                + "2.00 ms max latency, 1 ms 50th, 1 ms 95th, 1 ms 99th, 1 ms 99.9th.\n";

        assertThat(ProducerPerformanceSummary.parse(output).recordsPerSecond()).isCloseTo(64808.813999, within(1e-6));
    }

    @Test
    void acceptsTheDecimalCommaOfALocaleThatUsesOne() {
        String german = "2000 records sent, 11338,435374 records/sec (3,97 MB/sec), 120,31 ms avg latency, "
                + "400,00 ms max latency, 100 ms 50th, 300 ms 95th, 390 ms 99th, 400 ms 99.9th.";

        RunResult result = ProducerPerformanceSummary.parse(german);

        assertThat(result.recordsPerSecond()).isCloseTo(11338.435374, within(1e-6));
        assertThat(result.megabytesPerSecond()).isCloseTo(3.97, within(1e-9));
    }

    @Test
    void outputWithoutASummaryIsAnErrorThatShowsTheOutput() {
        assertThatThrownBy(() -> ProducerPerformanceSummary.parse("Warning: something\n" + WINDOW.replace("records sent", "sent")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("No ProducerPerformance summary line")
                .hasMessageContaining("Warning: something");
    }
}
