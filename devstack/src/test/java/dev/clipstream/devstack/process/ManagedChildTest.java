package dev.clipstream.devstack.process;

import dev.clipstream.devstack.DevStackException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** A failing cleanup never hides why a child failed to start. */
class ManagedChildTest {

    private static final Consumer<Path> FAILING_REMOVAL = dir -> {
        throw new DevStackException("Could not delete " + dir + ": disk says no");
    };

    @TempDir
    Path tempDir;

    @Test
    void failedPreparationKeepsItsErrorWhenTheDirCannotBeRemoved() {
        Path dir = tempDir.resolve("child");

        assertThatThrownBy(() -> ManagedChild.start("Test child", "nowhere", dir, "child.log", () -> {
            throw new DevStackException("cannot write the config");
        }, child -> child, FAILING_REMOVAL))
                .isInstanceOf(DevStackException.class)
                .hasMessage("cannot write the config")
                .satisfies(e -> assertThat(e.getSuppressed()).singleElement()
                        .satisfies(s -> assertThat(s).hasMessageContaining("disk says no")));
    }

    @Test
    void notReadyChildIsStoppedAndKeepsItsErrorWhenTheDirCannotBeRemoved() throws Exception {
        Path dir = tempDir.resolve("child");
        String testClasses = Path.of(SleepingMain.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .toString();
        AtomicReference<ManagedChild> launched = new AtomicReference<>();

        assertThatThrownBy(() -> ManagedChild.start("Test child", "nowhere", dir, "child.log",
                () -> List.of(JavaCommand.javaExecutable(), "-cp", testClasses, SleepingMain.class.getName()),
                child -> {
                    launched.set(child);
                    await().atMost(Duration.ofSeconds(60)).until(() -> child.process().logTail(5)
                            .contains("waiting forever"));
                    throw new DevStackException("Test child was not ready; last lines: "
                            + child.process().logTail(5));
                }, FAILING_REMOVAL))
                .isInstanceOf(DevStackException.class)
                .hasMessageContaining("Test child was not ready; last lines: waiting forever")
                .satisfies(e -> assertThat(e.getSuppressed()).singleElement()
                        .satisfies(s -> assertThat(s).hasMessageContaining("disk says no")));
        assertThat(launched.get().process().isAlive()).isFalse();
        assertThat(launched.get().unexpectedExit()).as("stopped by close(), not unexpected").isNotDone();
        assertThat(Files.exists(dir)).as("removal failed, as arranged").isTrue();
    }

    @Test
    void childThatDiesOnItsOwnReportsAnUnexpectedExitWithItsLog() throws Exception {
        Path dir = tempDir.resolve("child");
        String testClasses = Path.of(SleepingMain.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                .toString();
        ManagedChild child = ManagedChild.start("Test child", "nowhere", dir, "child.log",
                () -> List.of(JavaCommand.javaExecutable(), "-cp", testClasses, SleepingMain.class.getName()),
                started -> {
                    await().atMost(Duration.ofSeconds(60)).until(() -> started.process().logTail(5)
                            .contains("waiting forever"));
                    return started;
                });
        try {
            assertThat(child.unexpectedExit()).isNotDone();

            ProcessHandle.of(child.process().pid()).orElseThrow().destroyForcibly();

            String message = child.unexpectedExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(message).startsWith("Test child (pid " + child.process().pid()
                    + ") exited unexpectedly with status 137").contains("waiting forever");
        } finally {
            child.close();
        }
        assertThat(dir).doesNotExist();
    }
}
