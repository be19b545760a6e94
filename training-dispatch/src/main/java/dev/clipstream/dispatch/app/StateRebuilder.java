package dev.clipstream.dispatch.app;

import dev.clipstream.dispatch.state.DispatchState;
import dev.clipstream.schemas.avro.DispatchEvent;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Rebuilds the dispatch state by reading dispatch.events from the beginning to its end with read_committed, so
 * only events of committed transactions count. Called after {@code initTransactions()}, which settles any
 * transaction a previous instance left open.
 */
final class StateRebuilder {

    private final Supplier<KafkaConsumer<String, DispatchEvent>> consumers;
    private final Duration timeout;

    StateRebuilder(Supplier<KafkaConsumer<String, DispatchEvent>> consumers, Duration timeout) {
        this.consumers = consumers;
        this.timeout = timeout;
    }

    /** Applies every committed event to {@code state}; returns how many. */
    long rebuild(String topic, DispatchState state) {
        try (KafkaConsumer<String, DispatchEvent> consumer = consumers.get()) {
            List<org.apache.kafka.common.PartitionInfo> infos = consumer.partitionsFor(topic, timeout);
            if (infos == null || infos.isEmpty()) {
                throw new IllegalStateException("Topic " + topic + " does not exist; create the catalog topics "
                        + "first (clipstream devstack does, or TopicBootstrap.ensureTopics)");
            }
            List<TopicPartition> partitions = infos.stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = new HashMap<>(consumer.endOffsets(partitions, timeout));
            long applied = 0;
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!end.isEmpty()) {
                end.entrySet().removeIf(entry -> consumer.position(entry.getKey(), timeout) >= entry.getValue());
                if (end.isEmpty()) {
                    break;
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Reading " + topic + " to its end took longer than " + timeout
                            + "; still behind on " + end.keySet());
                }
                for (ConsumerRecord<String, DispatchEvent> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.value() != null) {
                        state.apply(record.value());
                        applied++;
                    }
                }
            }
            return applied;
        }
    }
}
