package dev.clipstream.replay.manifest;

import dev.clipstream.replay.ReplayClients;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads fixed offset ranges of one topic with a group-less, read_committed consumer (assign + seek): the only way
 * replay reads Kafka. Ranges are fixed before reading starts, so a read never chases records produced meanwhile,
 * and records of aborted transactions are skipped. A record that cannot be deserialized is counted and skipped,
 * never fatal: one poison pill must not block a dataset.
 */
public final class SnapshotReader<V> implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SnapshotReader.class);
    private static final Duration POLL = Duration.ofMillis(200);

    /** Called for every readable record inside the ranges, in offset order per partition. */
    @FunctionalInterface
    public interface Visitor<V> {
        void visit(ConsumerRecord<String, V> record);
    }

    /** What a read saw: readable records and records skipped because they could not be deserialized. */
    public record ReadStats(long records, long unreadable) {
    }

    private final String topic;
    private final KafkaConsumer<String, V> consumer;
    private final Duration stallTimeout;

    public SnapshotReader(ReplayClients clients, String topic, Deserializer<V> valueDeserializer, String clientId,
                          Duration stallTimeout) {
        this.topic = topic;
        this.stallTimeout = stallTimeout;
        this.consumer = new KafkaConsumer<>(clients.consumerConfig(clientId), new StringDeserializer(),
                valueDeserializer);
    }

    public String topic() {
        return topic;
    }

    /** Partition numbers of the topic, sorted; throws when the topic does not exist. */
    public List<Integer> partitions() {
        List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(30));
        if (infos == null || infos.isEmpty()) {
            throw new IllegalStateException("Topic '" + topic + "' does not exist: create the catalog topics first "
                    + "(clipstream devstack does; elsewhere TopicBootstrap.ensureTopics)");
        }
        return infos.stream().map(PartitionInfo::partition).sorted().toList();
    }

    /** The last stable offsets now (read_committed end offsets): the end of a snapshot. */
    public Map<Integer, Long> endOffsets() {
        return byPartition(consumer.endOffsets(topicPartitions(partitions()), Duration.ofSeconds(30)));
    }

    public Map<Integer, Long> beginningOffsets() {
        return byPartition(consumer.beginningOffsets(topicPartitions(partitions()), Duration.ofSeconds(30)));
    }

    /** Reads every partition's range {@code [start, end)}, calling the visitor per record. */
    public ReadStats read(Map<Integer, OffsetRange> ranges, Visitor<V> visitor) {
        Map<TopicPartition, OffsetRange> pending = new HashMap<>();
        ranges.forEach((partition, range) -> {
            if (!range.isEmpty()) {
                pending.put(new TopicPartition(topic, partition), range);
            }
        });
        if (pending.isEmpty()) {
            return new ReadStats(0, 0);
        }
        consumer.assign(pending.keySet());
        pending.forEach((tp, range) -> consumer.seek(tp, range.start()));
        long records = 0;
        long unreadable = 0;
        Set<TopicPartition> done = new HashSet<>();
        Instant lastProgress = Instant.now();
        while (done.size() < pending.size()) {
            boolean progressed = false;
            try {
                var polled = consumer.poll(POLL);
                progressed = !polled.isEmpty();
                for (ConsumerRecord<String, V> record : polled) {
                    TopicPartition tp = new TopicPartition(record.topic(), record.partition());
                    OffsetRange range = pending.get(tp);
                    if (range != null && record.offset() >= range.start() && record.offset() < range.end()) {
                        visitor.visit(record);
                        records++;
                    }
                }
            } catch (RecordDeserializationException e) {
                unreadable++;
                LOG.warn("Skipping unreadable record {}@{}: {}", e.topicPartition(), e.offset(), e.getMessage());
                consumer.seek(e.topicPartition(), e.offset() + 1);
                progressed = true;
            }
            for (Map.Entry<TopicPartition, OffsetRange> entry : pending.entrySet()) {
                TopicPartition tp = entry.getKey();
                if (!done.contains(tp) && consumer.position(tp) >= entry.getValue().end()) {
                    done.add(tp);
                    consumer.pause(List.of(tp));
                    progressed = true;
                }
            }
            if (progressed) {
                lastProgress = Instant.now();
            } else if (Duration.between(lastProgress, Instant.now()).compareTo(stallTimeout) > 0) {
                throw new IllegalStateException("Reading " + topic + " stalled for " + stallTimeout.toSeconds()
                        + " s before the snapshot ends " + ranges + "; positions: " + positions(pending.keySet()));
            }
        }
        consumer.unsubscribe();
        return new ReadStats(records, unreadable);
    }

    private Map<Integer, Long> positions(Set<TopicPartition> partitions) {
        Map<Integer, Long> positions = new TreeMap<>();
        partitions.forEach(tp -> positions.put(tp.partition(), consumer.position(tp)));
        return positions;
    }

    private List<TopicPartition> topicPartitions(List<Integer> partitions) {
        List<TopicPartition> list = new ArrayList<>();
        partitions.forEach(p -> list.add(new TopicPartition(topic, p)));
        return list;
    }

    private static Map<Integer, Long> byPartition(Map<TopicPartition, Long> offsets) {
        Map<Integer, Long> result = new TreeMap<>();
        offsets.forEach((tp, offset) -> result.put(tp.partition(), offset));
        return result;
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
