package dev.clipstream.testkit;

/** Where a test JVM's Kafka broker comes from. */
public interface KafkaBackend extends AutoCloseable {

    String bootstrapServers();

    /** {@code "devstack"} or {@code "testcontainers"}. */
    String name();

    @Override
    void close();
}
