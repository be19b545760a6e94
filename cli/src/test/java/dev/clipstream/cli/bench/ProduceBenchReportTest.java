package dev.clipstream.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class ProduceBenchReportTest {

    private static final BenchEnvironment ENVIRONMENT = new BenchEnvironment(2, "OpenJDK 17", "Linux amd64",
            "embedded devstack", 200_000, 3, 6, new EncodedSizes(367, 322, 406), new ProducerSettings("all", 5, 16384));

    // Ratios 0.5, 0.9, 0.8: median ratio 0.8, while the ratio of the medians would be 80000/100000 = 0.8 only by chance.
    private static final List<RoundResult> ROUNDS = List.of(
            new RoundResult(1, new RunResult(200_000, 100_000, 35.0), new RunResult(200_000, 50_000, 17.5)),
            new RoundResult(2, new RunResult(200_000, 50_000, 17.5), new RunResult(200_000, 45_000, 15.75)),
            new RoundResult(3, new RunResult(200_000, 120_000, 42.0), new RunResult(200_000, 96_000, 33.6)));

    private final ProduceBenchReport report = new ProduceBenchReport(ENVIRONMENT, ROUNDS);

    @Test
    void ratioIsOursOverTheReference() {
        assertThat(ROUNDS.get(0).ratio()).isEqualTo(0.5);
        assertThat(ROUNDS.get(1).ratio()).isCloseTo(0.9, within(1e-12));
    }

    @Test
    void mediansAreTakenPerColumnAndTheMedianRatioOverTheRoundsRatios() {
        assertThat(report.medianReferenceRecordsPerSecond()).isEqualTo(100_000);
        assertThat(report.medianOursRecordsPerSecond()).isEqualTo(50_000);
        assertThat(report.medianOursMegabytesPerSecond()).isEqualTo(17.5);
        assertThat(report.medianRatio()).isCloseTo(0.8, within(1e-12));
    }

    @Test
    void textTableHasOneRowPerRoundThenTheMediansAndTheEnvironment() {
        String text = report.toText();

        assertThat(text)
                .contains(ProduceBenchReport.TITLE)
                .contains("machine:   2 cores, OpenJDK 17, Linux amd64")
                .contains("367 B median on the wire (min 322, max 406", "reference --record-size 367")
                .contains("acks=all, linger.ms=5, batch.size=16384, compression=none, idempotence=true")
                .containsPattern("round\\s+reference rec/s\\s+reference MB/s\\s+ours rec/s\\s+ours MB/s\\s+ratio")
                .containsPattern("(?m)^1\\s+100000\\s+35\\.00\\s+50000\\s+17\\.50\\s+0\\.500$")
                .containsPattern("(?m)^2\\s+50000\\s+17\\.50\\s+45000\\s+15\\.75\\s+0\\.900$")
                .containsPattern("(?m)^median\\s+100000\\s+35\\.00\\s+50000\\s+17\\.50\\s+0\\.800$")
                .contains("Median ratio (ours / reference, records/s): 0.800");
    }

    @Test
    void markdownHasTheSameFiguresAsATable() {
        String markdown = report.toMarkdown();

        assertThat(markdown)
                .startsWith("## " + ProduceBenchReport.TITLE)
                .contains("- **machine**: 2 cores")
                .contains("| round | reference rec/s | reference MB/s | ours rec/s | ours MB/s | ratio |")
                .contains("| 3 | 120000 | 42.00 | 96000 | 33.60 | 0.800 |")
                .contains("| **median** | **100000** | **35.00** | **50000** | **17.50** | **0.800** |")
                .contains("Median ratio (ours / reference, records/s): **0.800**");
    }

    @Test
    void aReportWithoutRoundsIsRefused() {
        assertThatThrownBy(() -> new ProduceBenchReport(ENVIRONMENT, List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least one round");
    }

    @Test
    void runResultFromCountsAndNanosUsesMebibytes() {
        RunResult run = RunResult.of(1000, 1024 * 1024, 500_000_000L);

        assertThat(run.recordsPerSecond()).isEqualTo(2000);
        assertThat(run.megabytesPerSecond()).isEqualTo(2.0);
    }
}
