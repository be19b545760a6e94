package dev.clipstream.labeling.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clipstream.labeling.cli.CampaignCommand;
import dev.clipstream.schemas.topic.TopicBootstrap;
import dev.clipstream.schemas.serde.SerdeSettings;
import dev.clipstream.schemas.topic.TopicCatalog;
import dev.clipstream.testkit.TestStack;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code clipstream campaign create|list|close} against the devstack broker and registry. */
class CampaignCommandIT {

    @Test
    void createListAndCloseCampaigns() {
        TestStack stack = TestStack.shared();
        TopicCatalog catalog = TopicCatalog.create(new SerdeSettings(stack.schemaRegistryUrl(), false));
        new TopicBootstrap(stack.admin()).ensureTopics(catalog);
        TopicBootstrap.registerSchemas(catalog);
        String[] platform = {"--bootstrap-servers", stack.bootstrapServers(), "--schema-registry-url",
                stack.schemaRegistryUrl()};

        assertThat(run("create", "--seed", platform[0], platform[1], platform[2], platform[3]))
                .contains("Published campaign construction-zones");
        assertThat(run("create", "--id", "it-wet-roundabouts", "--target", "42", "--weather", "RAIN",
                "--expires", "30d", platform[0], platform[1], platform[2], platform[3]))
                .contains("Published campaign it-wet-roundabouts (ACTIVE, target 42");
        assertThat(run("close", "--id", "it-wet-roundabouts", platform[0], platform[1], platform[2], platform[3]))
                .contains("Closed campaign it-wet-roundabouts");

        String list = run("list", platform[0], platform[1], platform[2], platform[3]);
        assertThat(list).containsPattern("heavy-rain-highways\\s+ACTIVE\\s+15000")
                .containsPattern("it-wet-roundabouts\\s+CLOSED\\s+42");
    }

    private static String run(String... args) {
        CommandLine line = new CommandLine(new CampaignCommand());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        line.setOut(new PrintWriter(out));
        line.setErr(new PrintWriter(err));
        int exit = line.execute(args);
        assertThat(exit).as("exit code; stderr: %s", err).isZero();
        return out.toString();
    }
}
