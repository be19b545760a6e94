package dev.clipstream.cli.bench;

import dev.clipstream.schemas.topic.TopicBootstrap;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A fresh topic for every run, so that no run appends to a log another run filled, and deleted after the run so a
 * long benchmark does not fill the broker's disk.
 */
final class BenchTopics implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BenchTopics.class);
    private static final long TIMEOUT_SECONDS = 60;

    private final Admin admin;
    private final TopicBootstrap bootstrap;
    private final String prefix;
    private final int partitions;

    BenchTopics(String bootstrapServers, String prefix, int partitions) {
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
        this.bootstrap = new TopicBootstrap(admin, Duration.ofSeconds(TIMEOUT_SECONDS));
        this.prefix = prefix;
        this.partitions = partitions;
    }

    /** Creates {@code <prefix>.<name>} with the benchmark's partition count and the broker's replication factor. */
    String create(String name) {
        String topic = prefix + "." + name;
        try {
            admin.createTopics(List.of(new NewTopic(topic, Optional.of(partitions), Optional.empty())))
                    .all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Cannot create benchmark topic " + topic + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating benchmark topic " + topic, e);
        }
        // An idempotent producer that starts before the leaders serve can stall until its delivery timeout.
        bootstrap.awaitWritable(List.of(topic));
        return topic;
    }

    /** Best effort: a topic left behind costs disk, not correctness. */
    void delete(String topic) {
        try {
            admin.deleteTopics(List.of(topic)).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("Could not delete benchmark topic {}: {}", topic, e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        admin.close();
    }
}
