package dev.clipstream.cli;

import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ClipstreamCommandTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void helpSaysWhatClipstreamIsAndListsCommandsExitCodesAndAnExample() {
        int exitCode = run("--help");

        assertThat(exitCode).isZero();
        assertThat(out.toString())
                .contains("Usage: clipstream [-hV] [--verbose] COMMAND")
                .contains("Clipstream: an event-driven pipeline")
                .containsPattern("Commands:\\R\\s+demo\\s+Run the whole pipeline locally")
                .containsPattern("\\s+devstack\\s+Run a local Kafka broker and a schema registry")
                .containsPattern("\\s+help\\s+Display help information")
                .containsPattern("Exit codes:\\R\\s+0\\s+Success")
                .containsPattern("\\s+1\\s+Failure while running")
                .containsPattern("\\s+2\\s+Usage error")
                .contains("Example:", "clipstream demo", "clipstream devstack --kafka-port 9092");
        assertThat(err.toString()).isEmpty();
    }

    @Test
    void helpListsEverySubcommandWithAOneLineSummary() {
        run("--help");
        String help = out.toString();
        String commandList = help.substring(help.indexOf("Commands:"), help.indexOf("Exit codes:"));
        List<String> lines = commandList.lines().skip(1).filter(line -> !line.isBlank()).toList();
        Set<String> names = ClipstreamCommand.commandLine().getSubcommands().keySet();

        assertThat(lines).as("one line per command in:%n%s", commandList).hasSize(names.size());
        for (String name : names) {
            assertThat(lines).as("summary line of %s", name)
                    .anySatisfy(line -> assertThat(line).matches("\\s+" + Pattern.quote(name) + "\\s+\\S.*"));
        }
    }

    @Test
    void versionNamesTheCommand() {
        int exitCode = run("--version");

        assertThat(exitCode).isZero();
        // Unit tests run from target/classes, where no manifest carries a version.
        assertThat(out.toString()).startsWith("clipstream " + ManifestVersionProvider.UNPACKAGED)
                .contains("Java " + System.getProperty("java.version"));
    }

    @Test
    void unknownOptionIsAUsageErrorNamingTheOption() {
        int exitCode = run("--bogus");

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString()).contains("Unknown option: '--bogus'").contains("Usage: clipstream");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void unknownSubcommandOptionIsAUsageErrorOfThatSubcommand() {
        int exitCode = run("devstack", "--kafka-prot", "9092");

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString()).contains("Unknown options: '--kafka-prot', '9092'")
                .contains("Possible solutions: --kafka-port");
    }

    @Test
    void nonNumericPortIsAUsageErrorNamingOptionAndValue() {
        int exitCode = run("devstack", "--registry-port", "eighty");

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString()).contains("Invalid value for option '--registry-port': 'eighty' is not an int");
    }

    @Test
    void outOfRangePortIsAUsageErrorBeforeAnythingStarts() {
        int exitCode = run("devstack", "--kafka-port", "70000");

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString()).contains("Invalid devstack options: kafkaPort must be 0 (pick a free port) or 1-65535");
        assertThat(out.toString()).doesNotContain("Starting");
    }

    @Test
    void missingCommandIsAUsageErrorShowingTheCommands() {
        int exitCode = run();

        assertThat(exitCode).isEqualTo(2);
        assertThat(err.toString()).contains("Missing command.").contains("devstack");
    }

    @Test
    void devstackHelpDocumentsItsOptions() {
        int exitCode = run("help", "devstack");

        assertThat(exitCode).isZero();
        assertThat(out.toString()).contains("--kafka-port=PORT", "--registry-port=PORT", "--data-dir=DIR", "--verbose",
                "0 = any free port", "(default: 0)", "Removed on exit");
    }

    @Test
    void verboseIsAcceptedAfterTheSubcommandToo() {
        CommandLine commandLine = ClipstreamCommand.commandLine();

        commandLine.parseArgs("devstack", "--verbose");

        assertThat(((ClipstreamCommand) commandLine.getCommand()).verbose()).isTrue();
    }

    private int run(String... args) {
        return CommandRunner.execute(out, err, args);
    }
}
