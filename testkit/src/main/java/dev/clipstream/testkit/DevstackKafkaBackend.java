package dev.clipstream.testkit;

import dev.clipstream.devstack.kafka.EmbeddedKafkaBroker;

import java.nio.file.Path;

/** Kafka from the devstack: a real KRaft broker in a child JVM, no Docker needed. */
public final class DevstackKafkaBackend implements KafkaBackend {

    private final EmbeddedKafkaBroker broker;

    private DevstackKafkaBackend(EmbeddedKafkaBroker broker) {
        this.broker = broker;
    }

    /** Starts a broker on a free port; {@code dir} becomes the broker's and is deleted on close. */
    public static DevstackKafkaBackend start(Path dir) {
        return new DevstackKafkaBackend(EmbeddedKafkaBroker.start(dir));
    }

    @Override
    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    @Override
    public String name() {
        return KafkaBackendKind.DEVSTACK.label();
    }

    @Override
    public void close() {
        broker.close();
    }
}
