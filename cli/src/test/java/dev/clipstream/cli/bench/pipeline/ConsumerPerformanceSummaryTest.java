package dev.clipstream.cli.bench.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ConsumerPerformanceSummaryTest {

    @Test
    void readsRecordsAndBothRatesFromTheResultLine() {
        String output = """
                start.time, end.time, data.consumed.in.MB, MB.sec, data.consumed.in.nMsg, nMsg.sec, \
                rebalance.time.ms, fetch.time.ms, fetch.MB.sec, fetch.nMsg.sec
                2026-11-29 05:18:50:120, 2026-11-29 05:18:52:561, 33.3786, 13.6742, 100000, 40966.8169, 1523, 918, \
                36.3602, 108932.4619
                """;

        ConsumerPerformanceSummary summary = ConsumerPerformanceSummary.parse(output);

        assertThat(summary.records()).isEqualTo(100000);
        assertThat(summary.recordsPerSecond()).isEqualTo(40966.8169);
        assertThat(summary.fetchRecordsPerSecond()).isEqualTo(108932.4619);
    }

    @Test
    void acceptsADecimalCommaFromAnotherDefaultLocale() {
        String output = "2026-11-29 05:18:50:120, 2026-11-29 05:18:52:561, 33,3786, 13,6742, 5000, 2048,5, 1523, 918, "
                + "36,3602, 5446,6";

        ConsumerPerformanceSummary summary = ConsumerPerformanceSummary.parse(output);

        assertThat(summary.records()).isEqualTo(5000);
        assertThat(summary.fetchRecordsPerSecond()).isEqualTo(5446.6);
    }

    @Test
    void outputWithoutAResultLineIsAClearError() {
        assertThatThrownBy(() -> ConsumerPerformanceSummary.parse("WARNING: Exiting before consuming the expected "
                + "number of records: timeout (60000 ms) exceeded."))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("No ConsumerPerformance result line")
                .hasMessageContaining("timeout (60000 ms) exceeded");
    }
}
