package dev.clipstream.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PlatformSettingsTest {

    private static final ConfigDefinition DEFINITION = ConfigDefinition.builder()
            .defineAll(PlatformSettings.configKeys())
            .build();

    @Test
    void readsTheVariablesTheDevstackPrintsAndKeepsAutoRegistrationOffByDefault() {
        Map<String, String> env = Map.of(
                "CLIPSTREAM_KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092",
                "CLIPSTREAM_SCHEMA_REGISTRY_URL", "http://127.0.0.1:8081/apis/ccompat/v7");

        PlatformSettings settings = PlatformSettings.from(new ConfigLoader(DEFINITION, env).load(null, null));

        assertThat(settings).isEqualTo(
                new PlatformSettings("127.0.0.1:9092", "http://127.0.0.1:8081/apis/ccompat/v7", false));
    }

    @Test
    void autoRegistrationCanBeTurnedOnExplicitly() {
        Map<String, String> env = Map.of(
                "CLIPSTREAM_KAFKA_BOOTSTRAP_SERVERS", "kafka:9092",
                "CLIPSTREAM_SCHEMA_REGISTRY_URL", "http://registry:8081",
                "CLIPSTREAM_SCHEMA_REGISTRY_AUTO_REGISTER", "true");

        assertThat(PlatformSettings.from(new ConfigLoader(DEFINITION, env).load(null, null)).autoRegisterSchemas())
                .isTrue();
    }

    @Test
    void missingAddressesNameTheVariablesThatSetThem() {
        assertThatThrownBy(() -> new ConfigLoader(DEFINITION, Map.of()).load(null, null))
                .hasMessageContaining("CLIPSTREAM_KAFKA_BOOTSTRAP_SERVERS")
                .hasMessageContaining("CLIPSTREAM_SCHEMA_REGISTRY_URL");
    }
}
