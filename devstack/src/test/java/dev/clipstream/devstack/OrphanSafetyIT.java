package dev.clipstream.devstack;

import dev.clipstream.devstack.process.JavaCommand;
import dev.clipstream.devstack.process.WorkDirs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * kill -9 of the JVM that started a stack must not leave the broker or the registry running, and as little as
 * possible on disk. Each child deletes the dir it owns when its stdin watchdog sees the parent gone (the broker
 * after a clean shutdown, the registry through the watchdog agent's argument). What cannot be cleaned: the
 * top-level work dir, which only the killed parent owned, stays behind empty; and a child that is itself killed
 * with SIGKILL (or by the OOM killer) runs no hook, so its dir stays too.
 */
class OrphanSafetyIT {

    @TempDir
    Path tempDir;

    @Test
    void childrenExitWhenTheirParentIsKilledWithSigkill() throws Exception {
        Path workDir = tempDir.resolve("orphan-stack");
        Process parent = new ProcessBuilder(JavaCommand.javaExecutable(),
                "-Dclipstream.apicurio.home=" + System.getProperty("clipstream.apicurio.home"),
                "-cp", JavaCommand.currentClassPath(),
                OrphanParentMain.class.getName(), workDir.toString())
                .redirectErrorStream(true)
                .start();
        List<String> output = new CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> collectLines(parent, output), "orphan-parent-output");
        reader.setDaemon(true);
        reader.start();
        List<ProcessHandle> children = new ArrayList<>();
        try {
            await().atMost(Duration.ofSeconds(180))
                    .failFast("parent exited: " + output, () -> !parent.isAlive())
                    .until(() -> output.stream().anyMatch(line -> line.startsWith("PIDS ")));
            String[] pids = output.stream().filter(line -> line.startsWith("PIDS ")).findFirst().orElseThrow().split(" ");
            for (int i = 1; i < pids.length; i++) {
                children.add(ProcessHandle.of(Long.parseLong(pids[i])).orElseThrow());
            }
            assertThat(children).hasSize(2).allMatch(ProcessHandle::isAlive);

            parent.destroyForcibly(); // SIGKILL: no shutdown hook runs in the parent
            parent.waitFor();

            await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                    assertThat(children).noneMatch(ProcessHandle::isAlive));
            // A child's hooks have finished once its process is gone, so what is left now stays.
            assertThat(workDir).as("the parent's own work dir stays, nothing else").isDirectory();
            try (Stream<Path> left = Files.list(workDir)) {
                assertThat(left).as("left in %s", workDir).isEmpty();
            }
        } finally {
            parent.destroyForcibly();
            children.forEach(ProcessHandle::destroyForcibly);
            // Only after the asserts: this would otherwise hide what a killed parent leaves behind.
            WorkDirs.deleteRecursively(workDir);
        }
    }

    private static void collectLines(Process process, List<String> sink) {
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            lines.lines().forEach(sink::add);
        } catch (Exception e) {
            sink.add("(output reader stopped: " + e + ")");
        }
    }
}
