package dev.clipstream.devstack.process;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class ChildProcessTest {

    @TempDir
    Path tempDir;

    @Test
    void interruptedStopStillWaitsForTheChildToExitAndKeepsTheInterrupt() throws Exception {
        ChildProcess child = launchSleeper();
        try {
            Thread.currentThread().interrupt();

            child.stop();

            boolean interrupted = Thread.interrupted();
            assertThat(child.isAlive()).as("child alive right after stop() returned").isFalse();
            assertThat(interrupted).as("interrupt flag kept for the caller").isTrue();
        } finally {
            Thread.interrupted();
            child.stop();
        }
    }

    @Test
    void describeExitNamesTheChildItsStatusAndItsOutput() throws Exception {
        ChildProcess child = launchSleeper();
        child.stop();

        assertThat(child.describeExit("exited unexpectedly"))
                .startsWith("sleeper (pid " + child.pid() + ") exited unexpectedly with status ")
                .contains("waiting forever");
    }

    private ChildProcess launchSleeper() throws Exception {
        Path log = tempDir.resolve("child.log");
        String testClasses = Path.of(SleepingMain.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .toString();
        ChildProcess child = ChildProcess.launch("sleeper", List.of(JavaCommand.javaExecutable(),
                "-cp", testClasses, SleepingMain.class.getName()), tempDir, log);
        await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(log)
                && Files.readString(log).contains("waiting forever"));
        return child;
    }
}
