package dev.clipstream.testkit;

import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import java.util.function.BooleanSupplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KafkaBackendKindTest {

    private static final BooleanSupplier DOCKER = () -> true;
    private static final BooleanSupplier NO_DOCKER = () -> false;
    private static final BooleanSupplier MUST_NOT_ASK = () -> {
        throw new AssertionError("Docker must not be probed when a backend is forced");
    };

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"auto", "AUTO", " auto "})
    void autoPrefersTestcontainersWhenDockerIsAvailable(String requested) {
        assertThat(KafkaBackendKind.choose(requested, DOCKER)).isEqualTo(KafkaBackendKind.TESTCONTAINERS);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"auto"})
    void autoFallsBackToTheDevstackWithoutDocker(String requested) {
        assertThat(KafkaBackendKind.choose(requested, NO_DOCKER)).isEqualTo(KafkaBackendKind.DEVSTACK);
    }

    @Test
    void aForcedBackendWinsAndDoesNotProbeDocker() {
        assertThat(KafkaBackendKind.choose("devstack", MUST_NOT_ASK)).isEqualTo(KafkaBackendKind.DEVSTACK);
        assertThat(KafkaBackendKind.choose("Testcontainers", MUST_NOT_ASK)).isEqualTo(KafkaBackendKind.TESTCONTAINERS);
    }

    @Test
    void anUnknownValueIsAClearError() {
        assertThatThrownBy(() -> KafkaBackendKind.choose("docker", MUST_NOT_ASK))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("-Dkafka.backend=docker")
                .hasMessageContaining("auto, devstack, testcontainers");
    }

    @Test
    void testcontainersImageFollowsTheKafkaClientsVersion() throws IOException {
        Properties kafkaClients = new Properties();
        try (InputStream in = KafkaProducer.class.getResourceAsStream("/kafka/kafka-version.properties")) {
            kafkaClients.load(in);
        }

        assertThat(TestcontainersKafkaBackend.imageName())
                .matches("apache/kafka:\\d+\\.\\d+\\.\\d+")
                .isEqualTo("apache/kafka:" + kafkaClients.getProperty("version"));
    }
}
