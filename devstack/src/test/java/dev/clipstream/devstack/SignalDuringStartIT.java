package dev.clipstream.devstack;

import dev.clipstream.devstack.process.JavaCommand;
import dev.clipstream.devstack.process.WorkDirs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Ctrl-C (here SIGTERM) while DevStack.start is still launching the children leaves nothing behind. */
class SignalDuringStartIT {

    @TempDir
    Path tempDir;

    @Test
    void sigtermWhileTheBrokerStartsStopsItAndDeletesTheWholeWorkDir() throws Exception {
        Path workDir = tempDir.resolve("interrupted-stack");
        Path console = tempDir.resolve("parent.log");
        Process parent = new ProcessBuilder(JavaCommand.javaExecutable(),
                "-Dclipstream.apicurio.home=" + System.getProperty("clipstream.apicurio.home"),
                "-cp", JavaCommand.currentClassPath(),
                OrphanParentMain.class.getName(), workDir.toString())
                .redirectErrorStream(true)
                .redirectOutput(console.toFile())
                .start();
        List<ProcessHandle> children = List.of();
        try {
            // The broker's log appears as soon as its process is launched, long before it is ready.
            await().atMost(Duration.ofSeconds(60))
                    .failFast("parent exited early", () -> !parent.isAlive())
                    .until(() -> Files.exists(workDir.resolve("kafka/broker.log")));
            children = parent.toHandle().children().toList();
            assertThat(children).as("broker child launched").isNotEmpty();

            parent.destroy(); // SIGTERM: shutdown hooks run, the main thread is abandoned

            assertThat(parent.waitFor(60, TimeUnit.SECONDS)).as("parent exited").isTrue();
            assertThat(children).noneMatch(ProcessHandle::isAlive);
            assertThat(workDir).as("work dir after SIGTERM during start; parent output:%n%s",
                    Files.readString(console)).doesNotExist();
        } finally {
            parent.destroyForcibly();
            children.forEach(ProcessHandle::destroyForcibly);
            WorkDirs.deleteRecursively(workDir);
        }
    }
}
