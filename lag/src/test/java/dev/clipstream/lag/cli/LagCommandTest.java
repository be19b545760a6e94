package dev.clipstream.lag.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class LagCommandTest {

    private record Run(int exit, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cmd = new CommandLine(new LagCommand());
        cmd.setOut(new PrintWriter(out));
        cmd.setErr(new PrintWriter(err));
        int exit = cmd.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void withoutBootstrapServersItIsAUsageErrorThatSaysWhereToSetThem() {
        Run run = run("--group", "g");
        assertThat(run.exit()).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(run.err()).contains("--bootstrap-server").contains("CLIPSTREAM_KAFKA_BOOTSTRAP_SERVERS");
    }

    @Test
    void badIntervalSamplesAndStatusAreUsageErrorsNamingTheValue() {
        Run interval = run("-b", "127.0.0.1:1", "--interval", "soon");
        assertThat(interval.exit()).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(interval.err()).contains("'soon' is not a duration");

        Run samples = run("-b", "127.0.0.1:1", "--samples", "0");
        assertThat(samples.exit()).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(samples.err()).contains("--samples must be >= 1");

        Run status = run("-b", "127.0.0.1:1", "--fail-on", "PANIC");
        assertThat(status.exit()).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(status.err()).contains("PANIC");

        Run scan = run("-b", "127.0.0.1:1", "--max-scan", "0");
        assertThat(scan.exit()).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(scan.err()).contains("Max records scanned must be >= 1");
    }

    @Test
    void missingConfigFileIsNamed() {
        Run run = run("--config", "/nonexistent/lag.properties");
        assertThat(run.exit()).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(run.err()).contains("Config file not found: /nonexistent/lag.properties");
    }

    @Test
    void helpListsTheFacesAndServe() {
        Run run = run("--help");
        assertThat(run.exit()).isZero();
        assertThat(run.out()).contains("--watch").contains("--json").contains("--group").contains("serve")
                .contains("STALLED");
    }

    @Test
    void durationsReadLikeTheConfigFiles() {
        LagCommand.DurationConverter converter = new LagCommand.DurationConverter();
        assertThat(converter.convert("500ms").toMillis()).isEqualTo(500);
        assertThat(converter.convert("2s").toMillis()).isEqualTo(2000);
        assertThat(converter.convert("1m").toSeconds()).isEqualTo(60);
        assertThat(converter.convert("PT3S").toSeconds()).isEqualTo(3);
    }
}
