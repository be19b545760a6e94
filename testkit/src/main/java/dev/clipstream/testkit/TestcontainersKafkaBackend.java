package dev.clipstream.testkit;

import org.apache.kafka.common.utils.internals.AppInfoParser;
import org.testcontainers.kafka.KafkaContainer;

/** Kafka from Docker via Testcontainers, in the same version as the kafka-clients on the class path. */
public final class TestcontainersKafkaBackend implements KafkaBackend {

    private final KafkaContainer container;

    private TestcontainersKafkaBackend(KafkaContainer container) {
        this.container = container;
    }

    public static String imageName() {
        return "apache/kafka:" + AppInfoParser.getVersion();
    }

    public static TestcontainersKafkaBackend start() {
        // As on the devstack broker: a test that forgets to create its topic must fail on both backends.
        KafkaContainer container = new KafkaContainer(imageName())
                .withEnv("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false");
        try {
            container.start();
        } catch (RuntimeException e) {
            container.close();
            throw new IllegalStateException("Could not start Kafka container " + imageName() + ": " + e.getMessage()
                    + " (without Docker, run with -Dkafka.backend=devstack or auto)", e);
        }
        return new TestcontainersKafkaBackend(container);
    }

    @Override
    public String bootstrapServers() {
        return container.getBootstrapServers();
    }

    @Override
    public String name() {
        return KafkaBackendKind.TESTCONTAINERS.label();
    }

    @Override
    public void close() {
        container.close();
    }
}
