package dev.clipstream.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clipstream.cli.CommandRunner;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** Option handling only; nothing here starts a broker (usage errors are found before that). */
class ProduceBenchCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void helpExplainsWhatIsMeasuredAndEveryOption() {
        int exitCode = run("bench", "produce", "--help");

        assertThat(exitCode).isZero();
        assertThat(out.toString()).contains("Usage: clipstream bench produce")
                .containsPattern("as a ratio\\s+to\\s+Kafka's\\s+own\\s+ProducerPerformance")
                .contains("--records=N", "(default: 200000)", "--rounds=R", "(default: 5)", "--warmup-records=N",
                        "--bootstrap-servers=", "--schema-registry-url=URL", "--acks=ACKS", "(default: all)",
                        "--linger-ms=MS", "--batch-size=BYTES", "--partitions=P", "--output=FILE",
                        "embedded devstack", "Examples:");
    }

    @Test
    void benchWithoutABenchmarkIsAUsageErrorListingThem() {
        int exitCode = run("bench");

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString()).contains("Missing benchmark.").containsPattern("produce\\s+Measure how fast");
    }

    @Test
    void rootHelpListsBench() {
        run("--help");

        assertThat(out.toString()).containsPattern("bench\\s+Benchmarks of Clipstream");
    }

    @Test
    void nonPositiveRecordsIsAUsageError() {
        int exitCode = run("bench", "produce", "--records", "0");

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString()).contains("--records must be >= 1, was 0");
        assertThat(out.toString()).doesNotContain("Generating");
    }

    @Test
    void bootstrapServersWithoutRegistryIsAUsageError() {
        int exitCode = run("bench", "produce", "--bootstrap-servers", "localhost:9092");

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString()).contains("--bootstrap-servers and --schema-registry-url go together");
    }

    @Test
    void unknownAcksIsAUsageErrorNamingIt() {
        int exitCode = run("bench", "produce", "--acks", "2");

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString()).contains("Invalid producer settings: acks must be one of all, -1, 0, 1; was '2'");
    }

    private int run(String... args) {
        return CommandRunner.execute(out, err, args);
    }
}
