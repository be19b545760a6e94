package dev.clipstream.cli.bench.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clipstream.cli.CommandRunner;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line without a run: help, and refusals before anything starts. */
class PipelineBenchCommandTest {

    @Test
    void helpExplainsEveryFigureAndOption() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        int exitCode = CommandRunner.execute(out, err, "bench", "pipeline", "--help");

        assertThat(exitCode).isZero();
        assertThat(out.toString()).contains("e2e clips/s", "upload clips/s", "<topic> rec/s", "PP / CP rec/s",
                "hop ratio", "e2e ratio", "ack -> labeled", "ack -> dispatched", "half load", "CPU s, cores",
                "peak RSS", "--clips", "--rounds", "--concurrency", "--commit-interval-ms", "--output-dir", "--no-docs");
    }

    @Test
    void isListedUnderBench() {
        StringWriter out = new StringWriter();

        CommandRunner.execute(out, new StringWriter(), "bench", "--help");

        assertThat(out.toString()).contains("pipeline");
    }

    @Test
    void badCountsAreAUsageErrorBeforeAnythingStarts() {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        int exitCode = CommandRunner.execute(out, err, "bench", "pipeline", "--clips", "0", "--no-docs");

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString()).contains("--clips");
        assertThat(out.toString()).doesNotContain("Starting");
    }

    @Test
    void aMissingDocsFileIsAUsageErrorThatSaysWhatToDo(@TempDir Path dir) {
        StringWriter err = new StringWriter();

        int exitCode = CommandRunner.execute(new StringWriter(), err, "bench", "pipeline", "--docs",
                dir.resolve("missing.md").toString());

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString()).contains("missing.md", "does not exist", "--no-docs");
    }
}
