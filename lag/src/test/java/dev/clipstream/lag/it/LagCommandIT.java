package dev.clipstream.lag.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.clipstream.lag.cli.LagCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code clipstream lag} against the test broker: table, JSON, --watch and --fail-on. */
class LagCommandIT {

    private final KafkaFixture kafka = new KafkaFixture();

    private record Run(int exit, String out, String err) {
    }

    private Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cmd = new CommandLine(new LagCommand());
        cmd.setOut(new PrintWriter(out));
        cmd.setErr(new PrintWriter(err));
        int exit = cmd.execute(args);
        return new Run(exit, out.toString(), err.toString());
    }

    @Test
    void tableJsonWatchAndFailOnAgreeOnOneGroup() throws Exception {
        String topic = kafka.topic("lag-cli", 2);
        String group = KafkaFixture.group("cli");
        kafka.produce(topic, 0, 6);
        kafka.produce(topic, 1, 4);
        kafka.commit(group, Map.of(new TopicPartition(topic, 0), 1L));
        String bootstrap = kafka.stack.bootstrapServers();

        Run table = run("-b", bootstrap, "--group", group, "--no-pipeline-groups");
        assertThat(table.exit()).as(table.err()).isZero();
        assertThat(table.out()).contains(group + "  STOPPED").contains("lag: 5 records")
                .contains(topic + "-0").doesNotContain("clipstream-dispatch")
                // Without members or a commit there, nothing tells that the group reads partition 1.
                .doesNotContain(topic + "-1");

        Run json = run("-b", bootstrap, "--group", group, "--no-pipeline-groups", "--json");
        JsonNode body = new ObjectMapper().readTree(json.out());
        JsonNode g = body.get("groups").get(0);
        assertThat(g.get("group").asText()).isEqualTo(group);
        assertThat(g.get("recordLag").asLong()).isEqualTo(5);
        assertThat(g.get("partitions")).hasSize(1);
        assertThat(g.get("partitions").get(0).get("endOffset").asLong()).isEqualTo(6);

        Run watch = run("-b", bootstrap, "--group", group, "--no-pipeline-groups", "--watch", "--interval",
                "100ms", "--iterations", "2", "--summary");
        assertThat(watch.exit()).isZero();
        assertThat(watch.out().split("Consumer lag at", -1)).hasSize(3);
        assertThat(watch.out()).doesNotContain("TOPIC-PARTITION");

        assertThat(run("-b", bootstrap, "--group", group, "--no-pipeline-groups", "--fail-on", "STOPPED").exit())
                .isEqualTo(3);
        assertThat(run("-b", bootstrap, "--group", group, "--no-pipeline-groups", "--fail-on", "ERROR").exit())
                .isZero();
    }

    @Test
    void pipelineGroupsAreReportedByDefaultEvenBeforeTheyExist() {
        Run run = run("-b", kafka.stack.bootstrapServers(), "--summary");
        assertThat(run.exit()).as(run.err()).isZero();
        assertThat(run.out()).contains("clipstream-labeling").contains("clipstream-dispatch");
    }
}
