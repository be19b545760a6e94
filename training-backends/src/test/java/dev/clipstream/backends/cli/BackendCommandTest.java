package dev.clipstream.backends.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.clipstream.backends.api.BackendStatusView;
import dev.clipstream.backends.api.HttpTrainingBackendClient;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class BackendCommandTest {

    @TempDir
    Path dir;

    @Test
    void runsAConfiguredBackendUntilStopped() throws Exception {
        Path file = Files.writeString(dir.resolve("nvidia.properties"), "backend.port=0\nbackend.name=gpu-pool\n");
        BackendCommand command = new BackendCommand(Map.of("CLIPSTREAM_BACKEND_CAPACITY_UNITS", "128"));
        StringWriter out = new StringWriter();
        CommandLine commandLine = new CommandLine(command).setOut(new PrintWriter(out, true));
        CompletableFuture<Integer> exit = CompletableFuture.supplyAsync(
                () -> commandLine.execute("--kind", "nvidia", "--config", file.toString()));
        try {
            await().atMost(Duration.ofSeconds(20)).until(() -> command.server() != null || exit.isDone());
            assertThat(exit).isNotDone();
            try (HttpTrainingBackendClient client = new HttpTrainingBackendClient("gpu-pool",
                    command.server().baseUri(), Duration.ofSeconds(5))) {
                BackendStatusView status = client.status();
                assertThat(status.name()).isEqualTo("gpu-pool");
                assertThat(status.unit()).isEqualTo("GPU");
                assertThat(status.capacityUnits()).isEqualTo(128);
            }
            assertThat(out.toString()).contains("Simulated nvidia backend 'gpu-pool' is running: http://127.0.0.1:");
        } finally {
            command.stop();
        }
        assertThat(exit.get()).isZero();
    }

    @Test
    void badInvocationsFailWithAReason() {
        StringWriter err = new StringWriter();
        CommandLine commandLine = new CommandLine(new BackendCommand(Map.of())).setErr(new PrintWriter(err, true));
        assertThat(commandLine.execute("--kind", "tpu")).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(err.toString()).contains("--kind").contains("dojo, nvidia");

        StringWriter err2 = new StringWriter();
        CommandLine missing = new CommandLine(new BackendCommand(Map.of())).setErr(new PrintWriter(err2, true));
        assertThat(missing.execute("--kind", "dojo", "--config", dir.resolve("absent.properties").toString()))
                .isEqualTo(CommandLine.ExitCode.SOFTWARE);
        assertThat(err2.toString()).contains("absent.properties").contains("does not exist");
    }
}
