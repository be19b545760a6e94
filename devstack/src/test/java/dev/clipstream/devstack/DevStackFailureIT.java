package dev.clipstream.devstack;

import dev.clipstream.devstack.registry.ApicurioHome;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A start that fails part-way leaves no child process and no directory, and says why. */
class DevStackFailureIT {

    @TempDir
    Path tempDir;

    @Test
    void registryThatCannotStartStopsTheBrokerDeletesTheWorkDirAndShowsTheRegistryLog() throws IOException {
        // A home whose runner jar is not a jar: Kafka starts, then the registry child dies at once.
        Path brokenHome = Files.createDirectories(tempDir.resolve("broken-apicurio"));
        Files.writeString(brokenHome.resolve("apicurio-registry-app-3.0.9-runner.jar"), "not a jar");
        Path workDir = tempDir.resolve("stack");
        Set<Long> childrenBefore = liveChildPids();

        assertThatThrownBy(() -> DevStack.start(new DevStackOptions(0, 0, workDir),
                () -> ApicurioHome.at(brokenHome, "test")))
                .isInstanceOf(DevStackException.class)
                .hasMessageContaining("Schema registry failed to start")
                .hasMessageContaining("exited with status")
                .hasMessageContaining("Invalid or corrupt jarfile");

        assertThat(liveChildPids()).isEqualTo(childrenBefore);
        assertThat(workDir).doesNotExist();
    }

    @Test
    void kafkaPortAlreadyInUseFailsBeforeLaunchingAnything() throws IOException {
        Path workDir = tempDir.resolve("stack");
        Set<Long> childrenBefore = liveChildPids();
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();
            assertThatThrownBy(() -> DevStack.start(new DevStackOptions(port, 0, workDir)))
                    .isInstanceOf(DevStackException.class)
                    .hasMessageContaining("Kafka port " + port)
                    .hasMessageContaining("already in use");
        }
        assertThat(liveChildPids()).isEqualTo(childrenBefore);
        assertThat(workDir).doesNotExist();
    }

    @Test
    void missingApicurioHomeTellsHowToBuildIt() {
        Path workDir = tempDir.resolve("stack");
        Path missing = tempDir.resolve("no-such-apicurio");

        assertThatThrownBy(() -> DevStack.start(new DevStackOptions(0, 0, workDir),
                () -> ApicurioHome.at(missing, "test")))
                .isInstanceOf(DevStackException.class)
                .hasMessageContaining(missing.toString())
                .hasMessageContaining("./mvnw -B -q package -DskipTests");
        assertThat(workDir).doesNotExist();
    }

    private static Set<Long> liveChildPids() {
        return ProcessHandle.current().children()
                .filter(ProcessHandle::isAlive)
                .map(ProcessHandle::pid)
                .collect(Collectors.toSet());
    }
}
