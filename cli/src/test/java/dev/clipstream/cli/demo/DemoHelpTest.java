package dev.clipstream.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clipstream.cli.ClipstreamCommand;
import dev.clipstream.cli.CommandRunner;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class DemoHelpTest {

    @Test
    void rootHelpListsEverySubcommandWithADescription() {
        StringWriter out = new StringWriter();
        assertThat(CommandRunner.execute(out, new StringWriter(), "--help")).isZero();

        Map<String, CommandLine> subcommands = ClipstreamCommand.commandLine().getSubcommands();
        assertThat(subcommands).containsKey("demo");
        String help = out.toString();
        subcommands.forEach((name, command) -> {
            String[] description = command.getCommandSpec().usageMessage().description();
            String[] header = command.getCommandSpec().usageMessage().header();
            assertThat(description.length > 0 && !description[0].isBlank() || header.length > 0)
                    .as("subcommand '%s' has a description", name).isTrue();
            assertThat(help).as("root help lists '%s'", name).containsPattern("(?m)^  " + name + "\\s+\\S");
        });
    }

    @Test
    void demoHelpExplainsWhatStartsTheFlagsTheSummaryAndCtrlC() {
        StringWriter out = new StringWriter();
        assertThat(CommandRunner.execute(out, new StringWriter(), "demo", "--help")).isZero();

        assertThat(out.toString().replaceAll("\\s+", " "))
                .contains("--vehicles", "--duration", "--seed", "--keep-running", "--outage-at", "--drain-timeout")
                .contains("Kafka broker and a schema registry", "ingest, labeling, training-dispatch")
                .contains("UNACCOUNTED", "still in flight", "rejected with a reason")
                .contains("Ctrl-C at any time stops everything")
                .contains("bin/clipstream demo");
    }

    @Test
    void badOptionsAreUsageErrorsNamingTheOption() {
        StringWriter err = new StringWriter();
        assertThat(CommandRunner.execute(new StringWriter(), err, "demo", "--vehicles", "0")).isEqualTo(2);
        assertThat(err.toString()).contains("--vehicles must be 1..99999");

        StringWriter err2 = new StringWriter();
        assertThat(CommandRunner.execute(new StringWriter(), err2, "demo", "--view", "fancy")).isEqualTo(2);
        assertThat(err2.toString()).contains("--view", "fancy");
    }
}
