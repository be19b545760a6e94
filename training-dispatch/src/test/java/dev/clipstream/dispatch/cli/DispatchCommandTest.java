package dev.clipstream.dispatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class DispatchCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(Map<String, String> environment, String... args) {
        DispatchCommand command = new DispatchCommand();
        command.environment = environment;
        CommandLine commandLine = new CommandLine(command);
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    @Test
    void helpNamesTheConfigOption() {
        assertThat(run(Map.of(), "--help")).isZero();
        assertThat(out.toString()).contains("--config=FILE").contains("dispatch.backends");
    }

    @Test
    void aMissingKafkaAddressIsAUsageErrorNamingTheKey() {
        assertThat(run(Map.of())).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(err.toString()).contains("kafka.bootstrap.servers").contains("CLIPSTREAM_KAFKA_BOOTSTRAP_SERVERS");
    }

    @Test
    void aPolicyNamingAnUndefinedBackendIsRejected() throws Exception {
        Path config = dir.resolve("dispatch.properties");
        Files.writeString(config, """
                kafka.bootstrap.servers=127.0.0.1:9
                schema.registry.url=http://127.0.0.1:9
                dispatch.backends=dojo=http://127.0.0.1:8091
                dispatch.policy.order=dojo,nvidia
                """);

        assertThat(run(Map.of(), "--config", config.toString())).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(err.toString()).contains("names backend 'nvidia', which dispatch.backends does not define");
    }

    @Test
    void aMalformedBackendEntryAndAnUnknownKeyAreBothReported() throws Exception {
        Path config = dir.resolve("dispatch.properties");
        Files.writeString(config, """
                kafka.bootstrap.servers=127.0.0.1:9
                schema.registry.url=http://127.0.0.1:9
                dispatch.policy.max-wait=10s
                """);

        assertThat(run(Map.of("CLIPSTREAM_DISPATCH_BACKENDS", "dojo:8091"), "--config", config.toString()))
                .isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(err.toString()).contains("Unknown key 'dispatch.policy.max-wait'");
    }
}
