package dev.clipstream.backends.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clipstream.backends.api.BackendKindName;
import dev.clipstream.backends.sim.SimulatedBackendSettings;
import dev.clipstream.runtime.config.ConfigException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BackendConfigTest {

    @TempDir
    Path dir;

    @Test
    void classpathDefaultsAreTheDocumentedDefaultsOfEachKind() {
        assertThat(BackendConfig.settings(BackendKindName.DOJO, BackendConfig.load(BackendKindName.DOJO, null, Map.of())))
                .isEqualTo(SimulatedBackendSettings.dojoDefaults());
        assertThat(BackendConfig.settings(BackendKindName.NVIDIA,
                BackendConfig.load(BackendKindName.NVIDIA, null, Map.of())))
                .isEqualTo(SimulatedBackendSettings.nvidiaDefaults());
    }

    @Test
    void fileThenEnvironmentOverrideTheDefaults() throws Exception {
        Path file = Files.writeString(dir.resolve("dojo.properties"), String.join("\n",
                "backend.port=0", "backend.seed=99", "backend.maintenance.period=0s",
                "backend.simulated.start=2026-11-01T00:00:00Z", "backend.time.scale=10"));
        SimulatedBackendSettings settings = BackendConfig.settings(BackendKindName.DOJO, BackendConfig.load(
                BackendKindName.DOJO, file, Map.of("CLIPSTREAM_BACKEND_TIME_SCALE", "600")));
        assertThat(settings.port()).isZero();
        assertThat(settings.seed()).isEqualTo(99);
        assertThat(settings.timeScale()).isEqualTo(600);
        assertThat(settings.maintenance().enabled()).isFalse();
        assertThat(settings.maintenance().period()).isEqualTo(Duration.ZERO);
        assertThat(settings.simulatedStart()).isEqualTo(Instant.parse("2026-11-01T00:00:00Z"));
        assertThat(settings.capacityUnits()).isEqualTo(120);
    }

    @Test
    void badKeysAndValuesAreNamed() throws Exception {
        Path file = Files.writeString(dir.resolve("bad.properties"), String.join("\n",
                "backend.tiem.scale=10", "backend.utilisation=1.5", "backend.simulated.start=yesterday"));
        assertThatThrownBy(() -> BackendConfig.load(BackendKindName.NVIDIA, file, Map.of()))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("backend.tiem.scale").hasMessageContaining("backend.time.scale")
                .hasMessageContaining("backend.utilisation").hasMessageContaining("(0, 1]")
                .hasMessageContaining("backend.simulated.start");
    }

    @Test
    void statusPublishingIsOffWithoutKafkaAndNeedsARegistryWithIt() {
        assertThat(BackendConfig.statusPublishing(BackendConfig.load(BackendKindName.DOJO, null, Map.of()))).isEmpty();
        assertThatThrownBy(() -> BackendConfig.statusPublishing(BackendConfig.load(BackendKindName.DOJO, null,
                Map.of("CLIPSTREAM_KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092"))))
                .isInstanceOf(ConfigException.class).hasMessageContaining("schema.registry.url");
        BackendConfig.StatusPublishing publishing = BackendConfig.statusPublishing(BackendConfig.load(
                BackendKindName.NVIDIA, null, Map.of("CLIPSTREAM_KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092",
                        "CLIPSTREAM_SCHEMA_REGISTRY_URL", "http://127.0.0.1:8081"))).orElseThrow();
        assertThat(publishing.topic()).isEqualTo("backend.status");
        assertThat(publishing.interval()).isEqualTo(Duration.ofSeconds(10));
        assertThat(publishing.autoRegister()).isFalse();
    }
}
