package dev.clipstream.devstack.process;

import dev.clipstream.devstack.DevStackException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WorkDirsTest {

    @TempDir
    Path tempDir;

    @Test
    void createsAnAbsentDirectory() {
        Path dir = WorkDirs.createFresh(tempDir.resolve("a/b"), "x");

        assertThat(dir).isDirectory().isAbsolute();
    }

    @Test
    void createsATempDirWhenNoneIsGiven() {
        Path dir = WorkDirs.createFresh(null, "clipstream-test-");
        try {
            assertThat(dir).isDirectory();
            assertThat(dir.getFileName().toString()).startsWith("clipstream-test-");
        } finally {
            WorkDirs.deleteRecursively(dir);
        }
    }

    @Test
    void refusesANonEmptyDirectoryAndLeavesItsFilesAlone() throws IOException {
        Path userFile = Files.writeString(tempDir.resolve("precious.txt"), "keep me");

        assertThatThrownBy(() -> WorkDirs.createFresh(tempDir, "x"))
                .isInstanceOf(DevStackException.class)
                .hasMessageContaining("not empty");
        assertThat(userFile).hasContent("keep me");
    }

    @Test
    void deletesATreeAndToleratesAMissingOne() throws IOException {
        Path tree = Files.createDirectories(tempDir.resolve("t/u/v"));
        Files.writeString(tree.resolve("f"), "x");

        WorkDirs.deleteRecursively(tempDir.resolve("t"));
        WorkDirs.deleteRecursively(tempDir.resolve("t"));

        assertThat(tempDir.resolve("t")).doesNotExist();
    }

    @Test
    void freePortIsBindableAndATakenPortIsReported() throws IOException {
        int port = FreePorts.pick();
        assertThat(FreePorts.isFree(port)).isTrue();
        try (var socket = new java.net.ServerSocket(port, 1, java.net.InetAddress.getByName(FreePorts.HOST))) {
            assertThat(FreePorts.isFree(port)).isFalse();
            assertThatThrownBy(() -> FreePorts.requireFree("Kafka", port))
                    .hasMessageContaining("Kafka port " + port).hasMessageContaining("already in use");
        }
    }
}
