package dev.clipstream.schemas.topic;

import dev.clipstream.schemas.serde.AvroDeserializer;
import dev.clipstream.schemas.serde.SubjectNames;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.Serde;

/**
 * One topic as a typed value: everything producers, consumers, topic bootstrap and the docs need to agree on.
 * Use it at every boundary: {@code Consumed.with(topic.keySerde(), topic.valueSerde())}.
 *
 * @param configs topic-level configs the topic is created with (cleanup.policy, retention.ms, ...)
 */
public record TopicSpec<K, V>(
        String name,
        Class<K> keyType,
        Class<V> valueType,
        Serde<K> keySerde,
        Serde<V> valueSerde,
        int partitions,
        short replicationFactor,
        Map<String, String> configs,
        String description,
        String producer,
        List<String> consumers) {

    public TopicSpec {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("Topic name is missing");
        }
        if (partitions < 1) {
            throw new IllegalArgumentException("Topic '" + name + "': partitions must be >= 1, was " + partitions);
        }
        if (replicationFactor < 1) {
            throw new IllegalArgumentException("Topic '" + name + "': replication factor must be >= 1, was "
                    + replicationFactor);
        }
        configs = Map.copyOf(configs);
        consumers = List.copyOf(consumers);
    }

    /** The cleanup policy the topic must have; Kafka's default {@code delete} when the spec sets none. */
    public String cleanupPolicy() {
        return configs.getOrDefault(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE);
    }

    public boolean compacted() {
        return cleanupPolicy().contains(TopicConfig.CLEANUP_POLICY_COMPACT);
    }

    public NewTopic newTopic() {
        return new NewTopic(name, partitions, replicationFactor).configs(configs);
    }

    public String keySubject() {
        return SubjectNames.forTopic(name, true);
    }

    public String valueSubject() {
        return SubjectNames.forTopic(name, false);
    }

    /**
     * The largest value, in bytes as written (header included), that the topic's value deserializer accepts;
     * empty when it has no limit (raw-bytes topics such as the dead-letter topic). See {@link TopicCatalog}.
     */
    public OptionalInt maxValueBytes() {
        return valueSerde.deserializer() instanceof AvroDeserializer<?> avro ? avro.maxValueBytes()
                : OptionalInt.empty();
    }

    /** The Avro schema of the key when the key is a generated Avro class. */
    public Optional<Schema> keySchema() {
        return avroSchema(keyType);
    }

    /** The Avro schema of the value when the value is a generated Avro class. */
    public Optional<Schema> valueSchema() {
        return avroSchema(valueType);
    }

    private static Optional<Schema> avroSchema(Class<?> type) {
        return SpecificRecord.class.isAssignableFrom(type)
                ? Optional.of(SpecificData.get().getSchema(type))
                : Optional.empty();
    }
}
