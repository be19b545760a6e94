package dev.clipstream.replay.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Usage errors are found before any connection is made: exit code 2 and a message naming the problem. */
class ReplayCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine commandLine = new CommandLine(new ReplayCommand(Map.of()));
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    @Test
    void refusesToReplayWithoutASelection() {
        assertThat(run("--bootstrap-servers", "127.0.0.1:1")).isEqualTo(2);
        assertThat(err.toString()).contains("Say what to replay: --campaign, --label, --from/--to, or --all");
    }

    @Test
    void manifestCannotBeCombinedWithASelection() {
        assertThat(run("--manifest", "ds-rain-0123456789@v1", "--campaign", "rain")).isEqualTo(2);
        assertThat(err.toString()).contains("do not combine it with --campaign");
    }

    @Test
    void badManifestIdTimeAndLabelAreNamed() {
        assertThat(run("--manifest", "rain")).isEqualTo(2);
        assertThat(err.toString()).contains("'rain' is not a manifest id");
        assertThat(run("--campaign", "rain", "--from", "yesterday")).isEqualTo(2);
        assertThat(err.toString()).contains("--from 'yesterday' is not an ISO-8601 time");
        assertThat(run("--label", "weather=sunny")).isEqualTo(2);
        assertThat(err.toString()).contains("Unknown Weather 'sunny'");
        assertThat(run("--campaign", "rain", "--from", "2026-11-28", "--to", "2026-11-01")).isEqualTo(2);
        assertThat(err.toString()).contains("Time range is empty");
    }

    @Test
    void missingKafkaAddressIsAConfigurationError() {
        assertThat(run("--campaign", "rain", "--dry-run")).isEqualTo(2);
        assertThat(err.toString()).contains("kafka.bootstrap.servers").contains("CLIPSTREAM_KAFKA_BOOTSTRAP_SERVERS");
    }

    @Test
    void badEstimateParametersAreNamed() {
        assertThat(run("--campaign", "rain", "--dry-run", "--bootstrap-servers", "127.0.0.1:1",
                "--schema-registry-url", "http://127.0.0.1:1", "--backend", "dojo")).isEqualTo(2);
        assertThat(err.toString()).contains("'dojo' is not <name>=<PFLOPS>");
    }

    @Test
    void isoTimesAcceptInstantsOffsetsAndDates() {
        assertThat(IsoTimes.parse("--from", "2026-11-28T21:00:00Z")).hasToString("2026-11-28T21:00:00Z");
        assertThat(IsoTimes.parse("--from", "2026-11-28T22:00:00+01:00")).hasToString("2026-11-28T21:00:00Z");
        assertThat(IsoTimes.parse("--from", "2026-11-28")).hasToString("2026-11-28T00:00:00Z");
    }
}
