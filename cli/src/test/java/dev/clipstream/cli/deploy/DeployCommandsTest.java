package dev.clipstream.cli.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clipstream.cli.CommandRunner;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** {@code clipstream topics create --dry-run}, {@code clipstream config keys} and {@code clipstream config check}. */
class DeployCommandsTest {

    private static final Map<String, String> PLATFORM = Map.of(
            "CLIPSTREAM_KAFKA_BOOTSTRAP_SERVERS", "kafka-1:19092",
            "CLIPSTREAM_SCHEMA_REGISTRY_URL", "http://registry.invalid:8081");

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @Test
    void topicsDryRunShowsTheCatalogWithTheRequestedDurability() {
        TopicsCommand.Create create = new TopicsCommand.Create();
        create.environment = with(PLATFORM, "CLIPSTREAM_TOPICS_REPLICATION_FACTOR", "3");

        int exit = run(create, "--min-insync-replicas", "2", "--dry-run");

        assertThat(exit).as(err.toString()).isZero();
        assertThat(out.toString().lines().filter(line -> line.matches("^\\S+\\s+\\d+\\s+3\\s+\\S+\\s+2$")))
                .as(out.toString()).hasSize(create.settings().plan().size());
        assertThat(out.toString()).contains("clipstream.dead-letter").contains("Dry run: nothing was created.");
    }

    @Test
    void topicsRefusesMoreInSyncReplicasThanReplicas() {
        TopicsCommand.Create create = new TopicsCommand.Create();
        create.environment = PLATFORM;

        int exit = run(create, "--replication-factor", "2", "--min-insync-replicas", "3", "--dry-run");

        assertThat(exit).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(err.toString()).contains("min.insync.replicas").contains("replication factor 2").contains("was 3");
    }

    @Test
    void topicsNamesAMissingRequiredKey() {
        TopicsCommand.Create create = new TopicsCommand.Create();
        create.environment = Map.of("CLIPSTREAM_SCHEMA_REGISTRY_URL", "http://registry.invalid:8081");

        int exit = run(create, "--dry-run");

        assertThat(exit).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(err.toString()).contains("kafka.bootstrap.servers").contains("CLIPSTREAM_KAFKA_BOOTSTRAP_SERVERS");
    }

    @Test
    void configKeysListsAServicesKeysWithTheirVariables() {
        int exit = CommandRunner.execute(out, err, "config", "keys", "dispatch");

        assertThat(exit).as(err.toString()).isZero();
        assertThat(out.toString()).startsWith("dispatch (clipstream dispatch)")
                .contains("dispatch.backends").contains("CLIPSTREAM_DISPATCH_BACKENDS")
                .contains("kafka.producer.*").doesNotContain("ingest.blob.dir");
    }

    @Test
    void configKeysMarkdownIsTheDocumentedTable() {
        int exit = CommandRunner.execute(out, err, "config", "keys", "--markdown");

        assertThat(exit).as(err.toString()).isZero();
        assertThat(out.toString()).isEqualTo(ConfigTable.markdown(ServiceConfig.all()));
    }

    @Test
    void configKeysRejectsAnUnknownService() {
        int exit = CommandRunner.execute(out, err, "config", "keys", "ingset");

        assertThat(exit).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(err.toString()).contains("Unknown service 'ingset'").contains("ingest");
    }

    @Test
    void configCheckPrintsTheEffectiveConfigurationMasked() {
        ConfigCommand.Check check = new ConfigCommand.Check();
        check.environment = with(PLATFORM, "CLIPSTREAM_INGEST_AUTH_TOKENS",
                "veh-00001=sha256:" + "ab".repeat(32));

        int exit = run(check, "ingest");

        assertThat(exit).as(err.toString()).isZero();
        assertThat(out.toString()).contains("ingest.http.port").contains("kafka-1:19092")
                .contains("env CLIPSTREAM_INGEST_AUTH_TOKENS").doesNotContain("ab".repeat(32));
    }

    @Test
    void configCheckListsEveryProblem() {
        ConfigCommand.Check check = new ConfigCommand.Check();
        check.environment = Map.of("CLIPSTREAM_BACKEND_PORT", "eighty");

        int exit = run(check, "backend", "--kind", "nvidia");

        assertThat(exit).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(err.toString()).contains("Invalid configuration of backend").contains("backend.port")
                .contains("eighty");
    }

    private int run(Callable<Integer> command, String... args) {
        CommandLine commandLine = new CommandLine(command);
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    private static Map<String, String> with(Map<String, String> base, String variable, String value) {
        Map<String, String> all = new java.util.HashMap<>(base);
        all.put(variable, value);
        return all;
    }
}
