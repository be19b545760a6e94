package dev.clipstream.devstack.process;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The agent jar built at runtime ends a child whose main we do not own once its stdin closes. */
class StdinWatchdogIT {

    @TempDir
    Path tempDir;

    /** Without devstack's classes on the child's class path, the watchdog can only come from the agent jar. */
    private static String testClassesOnly() throws Exception {
        return Path.of(SleepingMain.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
    }

    @Test
    void childWithTheAgentExitsWhenItsStdinCloses() throws Exception {
        Path jar = WatchdogAgentJar.writeTo(tempDir.resolve("agent.jar"));
        Path log = tempDir.resolve("child.log");
        ChildProcess child = ChildProcess.launch("sleeper", List.of(JavaCommand.javaExecutable(),
                "-javaagent:" + jar, "-cp", testClassesOnly(), SleepingMain.class.getName()),
                tempDir, log);
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(log)
                    && Files.readString(log).contains("waiting forever"));
            assertThat(child.isAlive()).isTrue();

            child.closeStdin();

            await().atMost(Duration.ofSeconds(30)).until(() -> !child.isAlive());
            assertThat(child.exitStatus()).isEqualTo(StdinWatchdog.PARENT_GONE_EXIT_STATUS);
            assertThat(child.logTail(5)).contains("parent process is gone");
        } finally {
            child.stop();
        }
    }

    @Test
    void agentDeletesTheDirGivenAsItsArgumentWhenStdinCloses() throws Exception {
        Path jar = WatchdogAgentJar.writeTo(tempDir.resolve("agent.jar"));
        Path ownedDir = Files.createDirectories(tempDir.resolve("owned/tmp"));
        Files.writeString(ownedDir.resolve("scratch.txt"), "left by the child");
        Path owned = ownedDir.getParent();
        Path log = tempDir.resolve("child.log");
        ChildProcess child = ChildProcess.launch("sleeper", List.of(JavaCommand.javaExecutable(),
                "-javaagent:" + jar + "=" + owned, "-cp", testClassesOnly(), SleepingMain.class.getName()),
                tempDir, log);
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(log)
                    && Files.readString(log).contains("waiting forever"));
            assertThat(owned).exists();

            child.closeStdin();

            await().atMost(Duration.ofSeconds(30)).until(() -> !child.isAlive());
            assertThat(child.exitStatus()).isEqualTo(StdinWatchdog.PARENT_GONE_EXIT_STATUS);
            assertThat(owned).doesNotExist();
        } finally {
            child.stop();
        }
    }
}
