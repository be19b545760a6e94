package dev.clipstream.devstack;

import dev.clipstream.devstack.process.JavaCommand;
import dev.clipstream.devstack.process.WorkDirs;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** kill -9 of the JVM that started a stack must not leave the broker or the registry running. */
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
        } finally {
            parent.destroyForcibly();
            children.forEach(ProcessHandle::destroyForcibly);
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
