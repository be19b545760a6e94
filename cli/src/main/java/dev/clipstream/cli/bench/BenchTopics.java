package dev.clipstream.cli.bench;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
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
    private final String prefix;
    private final int partitions;

    BenchTopics(String bootstrapServers, String prefix, int partitions) {
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
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
        awaitLeadersServing(topic);
        return topic;
    }

    /**
     * createTopics returns once the controller committed the topic, which can be before the broker serves its
     * partitions. A producer that starts then gets NOT_LEADER_OR_FOLLOWER on its first batch, and an idempotent one
     * can stall on OUT_OF_ORDER_SEQUENCE_NUMBER retries until its delivery timeout. ListOffsets is answered by each
     * partition's leader, so once it succeeds for every partition the topic is ready to take writes.
     */
    private void awaitLeadersServing(String topic) {
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (int partition = 0; partition < partitions; partition++) {
            latest.put(new TopicPartition(topic, partition), OffsetSpec.latest());
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        ExecutionException lastFailure = null;
        // Leaders in the metadata first: ListOffsets on a topic the broker does not know yet logs an ERROR.
        while (System.nanoTime() < deadline && !leadersKnown(topic)) {
            pause();
        }
        while (System.nanoTime() < deadline) {
            try {
                admin.listOffsets(latest).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
                return;
            } catch (ExecutionException e) {
                lastFailure = e;
                pause();
            } catch (TimeoutException e) {
                break;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for benchmark topic " + topic, e);
            }
        }
        throw new IllegalStateException("Benchmark topic " + topic + " has no serving leader for every partition after "
                + TIMEOUT_SECONDS + " s" + (lastFailure != null ? ": " + lastFailure.getMessage() : ""), lastFailure);
    }

    private boolean leadersKnown(String topic) {
        try {
            TopicDescription description = admin.describeTopics(List.of(topic)).allTopicNames()
                    .get(TIMEOUT_SECONDS, TimeUnit.SECONDS).get(topic);
            return description.partitions().size() == partitions
                    && description.partitions().stream().allMatch(partition -> partition.leader() != null);
        } catch (ExecutionException | TimeoutException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for benchmark topic " + topic, e);
        }
    }

    private static void pause() {
        try {
            TimeUnit.MILLISECONDS.sleep(50);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
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
