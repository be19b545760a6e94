package dev.clipstream.systemtests.harness;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** A consumer group's lag on one topic (committed offsets against the last stable offsets), for recovery times. */
public final class ConsumerLag implements AutoCloseable {

    private final Admin admin;

    public ConsumerLag(String bootstrapServers) {
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
    }

    /**
     * Records of {@code topic} the group has not committed yet; a partition without a commit counts whole. Use it
     * on topics written without transactions (clips.uploaded): on a transactional topic the commit markers
     * leave a lag of one per partition.
     */
    public long lag(String group, String topic) {
        Map<TopicPartition, Long> ends = endOffsets(topic);
        Map<TopicPartition, OffsetAndMetadata> committed = committedOffsets(group);
        long lag = 0;
        for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
            OffsetAndMetadata commit = committed.get(end.getKey());
            lag += Math.max(0, end.getValue() - (commit == null ? 0 : commit.offset()));
        }
        return lag;
    }

    /**
     * The group's lag over every partition it has committed on, its internal repartition topics included: a
     * Kafka Streams app has worked through everything only when this is 0, not just its source topic.
     */
    public long totalLag(String group) {
        Map<TopicPartition, OffsetAndMetadata> committed = committedOffsets(group);
        long lag = 0;
        for (String topic : committed.keySet().stream().map(TopicPartition::topic).distinct().toList()) {
            for (Map.Entry<TopicPartition, Long> end : endOffsets(topic).entrySet()) {
                OffsetAndMetadata commit = committed.get(end.getKey());
                lag += Math.max(0, end.getValue() - (commit == null ? 0 : commit.offset()));
            }
        }
        return lag;
    }

    /** Sum of the group's committed offsets on {@code topic}: grows whenever the group commits progress. */
    public long committed(String group, String topic) {
        return committedOffsets(group).entrySet().stream().filter(e -> e.getKey().topic().equals(topic))
                .mapToLong(e -> e.getValue() == null ? 0 : e.getValue().offset()).sum();
    }

    /** Sum of the last stable offsets of {@code topic}: the records written so far (plus commit markers). */
    public long written(String topic) {
        return endOffsets(topic).values().stream().mapToLong(Long::longValue).sum();
    }

    /** Members of the group that hold at least one partition now (Kafka Streams apps: consumer-protocol groups). */
    public int membersWithPartitions(String group) {
        try {
            return (int) admin.describeConsumerGroups(java.util.List.of(group)).describedGroups().get(group)
                    .get(10, TimeUnit.SECONDS).members().stream()
                    .filter(member -> !member.assignment().topicPartitions().isEmpty()).count();
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Could not describe group " + group, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }

    private Map<TopicPartition, OffsetAndMetadata> committedOffsets(String group) {
        try {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
            Map<TopicPartition, OffsetAndMetadata> present = new HashMap<>();
            committed.forEach((partition, offset) -> {
                if (offset != null) {
                    present.put(partition, offset);
                }
            });
            return present;
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Could not read the offsets of " + group, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }

    private Map<TopicPartition, Long> endOffsets(String topic) {
        try {
            int partitions = admin.describeTopics(java.util.List.of(topic)).allTopicNames().get(10, TimeUnit.SECONDS)
                    .get(topic).partitions().size();
            Map<TopicPartition, OffsetSpec> request = new HashMap<>();
            for (int p = 0; p < partitions; p++) {
                request.put(new TopicPartition(topic, p), OffsetSpec.latest());
            }
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(request,
                    new org.apache.kafka.clients.admin.ListOffsetsOptions(IsolationLevel.READ_COMMITTED))
                    .all().get(10, TimeUnit.SECONDS);
            Map<TopicPartition, Long> offsets = new HashMap<>();
            ends.forEach((partition, info) -> offsets.put(partition, info.offset()));
            return offsets;
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Could not read the end offsets of " + topic, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted", e);
        }
    }

    @Override
    public void close() {
        admin.close();
    }
}
