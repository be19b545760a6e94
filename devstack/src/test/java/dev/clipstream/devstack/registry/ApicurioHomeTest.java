package dev.clipstream.devstack.registry;

import dev.clipstream.devstack.DevStackException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ApicurioHomeTest {

    @TempDir
    Path tempDir;

    private Path installAt(Path dir) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("apicurio-registry-app-3.0.9-runner.jar"), "");
        return dir;
    }

    @Test
    void systemPropertyWinsOverEnvironmentAndSearch() throws IOException {
        Path fromProperty = installAt(tempDir.resolve("prop"));
        Path fromEnv = installAt(tempDir.resolve("env"));

        ApicurioHome home = ApicurioHome.locate(fromProperty.toString(), fromEnv.toString(), tempDir);

        assertThat(home.dir()).isEqualTo(fromProperty);
        assertThat(home.runnerJar()).hasFileName("apicurio-registry-app-3.0.9-runner.jar");
    }

    @Test
    void environmentVariableWinsOverSearch() throws IOException {
        Path fromEnv = installAt(tempDir.resolve("env"));
        installAt(tempDir.resolve(ApicurioHome.BUILD_DIR));

        assertThat(ApicurioHome.locate(null, fromEnv.toString(), tempDir).dir()).isEqualTo(fromEnv);
    }

    @Test
    void searchWalksUpFromTheWorkingDirectory() throws IOException {
        Path build = installAt(tempDir.resolve(ApicurioHome.BUILD_DIR));
        Path nested = Files.createDirectories(tempDir.resolve("ingest/src/test"));

        assertThat(ApicurioHome.locate(null, " ", nested).dir()).isEqualTo(build);
    }

    @Test
    void nothingFoundTellsTheUserToBuild() {
        assertThatThrownBy(() -> ApicurioHome.locate(null, null, tempDir))
                .isInstanceOf(DevStackException.class)
                .hasMessageContaining(ApicurioHome.PROPERTY)
                .hasMessageContaining(ApicurioHome.ENV)
                .hasMessageContaining("./mvnw -B -q package -DskipTests");
    }

    @Test
    void propertyPointingNowhereNamesThePathAndItsSource() {
        Path missing = tempDir.resolve("missing");

        assertThatThrownBy(() -> ApicurioHome.locate(missing.toString(), null, tempDir))
                .isInstanceOf(DevStackException.class)
                .hasMessageContaining(missing.toString())
                .hasMessageContaining("system property " + ApicurioHome.PROPERTY);
    }

    @Test
    void directoryWithoutRunnerJarIsRejected() throws IOException {
        Path empty = Files.createDirectories(tempDir.resolve("empty"));

        assertThatThrownBy(() -> ApicurioHome.at(empty, "test"))
                .isInstanceOf(DevStackException.class)
                .hasMessageContaining("runner.jar");
    }
}
