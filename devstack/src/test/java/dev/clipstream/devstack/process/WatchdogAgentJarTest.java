package dev.clipstream.devstack.process;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Collections;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;

import static org.assertj.core.api.Assertions.assertThat;

class WatchdogAgentJarTest {

    @TempDir
    Path tempDir;

    @Test
    void agentJarNamesTheWatchdogAsPremainClassAndHoldsOnlyItsClass() throws Exception {
        Path jar = WatchdogAgentJar.writeTo(tempDir.resolve("agent.jar"));
        try (JarFile jarFile = new JarFile(jar.toFile())) {
            assertThat(jarFile.getManifest().getMainAttributes().getValue("Premain-Class"))
                    .isEqualTo(StdinWatchdog.class.getName());
            // Only this entry is copied, so the watchdog must not need nested classes of its own.
            assertThat(Collections.list(jarFile.entries())).extracting(JarEntry::getName)
                    .contains("dev/clipstream/devstack/process/StdinWatchdog.class")
                    .noneMatch(name -> name.contains("StdinWatchdog$"));
        }
    }

    @Test
    void watchdogHasNoNestedClassesTheAgentJarWouldMiss() {
        assertThat(StdinWatchdog.class.getDeclaredClasses()).isEmpty();
    }
}
