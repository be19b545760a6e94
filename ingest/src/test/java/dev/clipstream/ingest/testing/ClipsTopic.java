package dev.clipstream.ingest.testing;

import dev.clipstream.schemas.avro.ClipUploaded;
import dev.clipstream.schemas.topic.TopicBootstrap;
import dev.clipstream.schemas.topic.TopicCatalog;
import dev.clipstream.schemas.topic.TopicSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Deserializer;

/** A private copy of clips.uploaded for one test class: created, schema registered, and read back completely. */
public final class ClipsTopic {

    private ClipsTopic() {
    }

    /** Creates {@code name} like the catalog's clips.uploaded and registers its value schema. */
    public static TopicSpec<String, ClipUploaded> create(Admin admin, TopicCatalog catalog, String name) {
        TopicSpec<String, ClipUploaded> template = catalog.clipsUploaded();
        TopicSpec<String, ClipUploaded> spec = new TopicSpec<>(name, template.keyType(), template.valueType(),
                template.keySerde(), template.valueSerde(), 3, template.replicationFactor(), template.configs(),
                template.description(), template.producer(), template.consumers());
        TopicBootstrap bootstrap = new TopicBootstrap(admin, Duration.ofSeconds(60));
        bootstrap.ensureTopics(List.of(spec));
        bootstrap.awaitWritable(List.of(name));
        TopicBootstrap.registerSchemas(List.of(spec), catalog.registry());
        return spec;
    }

    /** Every record in the topic now, read up to the end offsets (read_committed). */
    public static List<ConsumerRecord<String, ClipUploaded>> readAll(String bootstrapServers,
                                                                    TopicSpec<String, ClipUploaded> spec) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        Deserializer<ClipUploaded> values = spec.valueSerde().deserializer();
        try (KafkaConsumer<String, ClipUploaded> consumer = new KafkaConsumer<>(config,
                spec.keySerde().deserializer(), new Deserializer<>() {
                    @Override
                    public ClipUploaded deserialize(String topic, byte[] data) {
                        return values.deserialize(topic, data);
                    }

                    @Override
                    public ClipUploaded deserialize(String topic, org.apache.kafka.common.header.Headers headers,
                                                    byte[] data) {
                        return values.deserialize(topic, headers, data);
                    }

                    @Override
                    public void close() {
                        // the catalog's shared registry client stays open
                    }
                })) {
            List<TopicPartition> partitions = consumer.partitionsFor(spec.name(), Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            List<ConsumerRecord<String, ClipUploaded>> records = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("Could not read topic " + spec.name() + " to its end " + end);
                }
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            return records;
        }
    }
}
