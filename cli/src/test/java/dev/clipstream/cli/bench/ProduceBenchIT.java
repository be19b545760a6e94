package dev.clipstream.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clipstream.cli.CommandRunner;
import dev.clipstream.testkit.TestStack;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The whole benchmark with tiny numbers against the test JVM's real broker and registry. */
class ProduceBenchIT {

    private static final Pattern MEDIAN_RATIO =
            Pattern.compile("Median ratio \\(ours / reference, records/s\\): (\\d+\\.\\d+)");

    @TempDir
    Path dir;

    @Test
    void measuresBothSidesAndReportsAPositiveRatio() throws Exception {
        TestStack stack = TestStack.shared();
        Path markdown = dir.resolve("bench.md");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exitCode = CommandRunner.execute(out, err, "bench", "produce", "--records", "2000", "--rounds", "1",
                "--warmup-records", "0", "--partitions", "2", "--bootstrap-servers", stack.bootstrapServers(),
                "--schema-registry-url", stack.schemaRegistryUrl(), "--output", markdown.toString());

        assertThat(exitCode).as("exit code; stderr:%n%s", err).isZero();
        String text = out.toString();
        assertThat(text).containsPattern("round 1/1  reference \\(Kafka ProducerPerformance\\)\\s+\\d+ records/s")
                .containsPattern("round 1/1  ours \\(Clipstream Avro serde\\)\\s+\\d+ records/s")
                .contains("2000 records per run, 1 rounds", "fresh topic of 2 partitions");
        Matcher ratio = MEDIAN_RATIO.matcher(text);
        assertThat(ratio.find()).as("median ratio line in:%n%s", text).isTrue();
        assertThat(Double.parseDouble(ratio.group(1))).isPositive();
        assertThat(Files.readString(markdown)).contains("| round | reference rec/s", "| **median** |",
                "Median ratio (ours / reference, records/s): **" + ratio.group(1) + "**");
    }
}
