package dev.clipstream.backends.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.clipstream.backends.api.BackendFaults;
import dev.clipstream.backends.cli.BackendCommandAccess;
import dev.clipstream.schemas.avro.BackendKind;
import dev.clipstream.schemas.avro.BackendState;
import dev.clipstream.schemas.avro.BackendStatus;
import dev.clipstream.schemas.avro.CapacityUnit;
import dev.clipstream.schemas.serde.SerdeSettings;
import dev.clipstream.schemas.topic.TopicBootstrap;
import dev.clipstream.schemas.topic.TopicCatalog;
import dev.clipstream.schemas.topic.TopicSpec;
import dev.clipstream.testkit.TestStack;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `clipstream backend` with Kafka configured publishes its status to backend.status, at start and on change. */
class BackendStatusPublisherIT {

    @TempDir
    Path dir;

    @Test
    void publishesStatusAtStartAndWhenTheBackendGoesDown() throws Exception {
        TestStack stack = TestStack.shared();
        TopicCatalog catalog = TopicCatalog.create(new SerdeSettings(stack.schemaRegistryUrl(), false));
        new TopicBootstrap(stack.admin()).ensureTopics(catalog);
        TopicBootstrap.registerSchemas(catalog);
        TopicSpec<String, BackendStatus> topic = catalog.backendStatus();
        String name = "dojo-it-" + UUID.randomUUID().toString().substring(0, 8);

        Path config = Files.writeString(dir.resolve("dojo.properties"), String.join("\n",
                "backend.port=0", "backend.name=" + name, "backend.status.interval=1h"));
        Map<String, String> environment = Map.of(
                "CLIPSTREAM_KAFKA_BOOTSTRAP_SERVERS", stack.bootstrapServers(),
                "CLIPSTREAM_SCHEMA_REGISTRY_URL", stack.schemaRegistryUrl());

        Properties consumerProperties = new Properties();
        consumerProperties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        consumerProperties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        try (BackendCommandAccess backend = BackendCommandAccess.start(environment, "--kind", "dojo", "--config",
                config.toString());
             KafkaConsumer<String, BackendStatus> consumer = new KafkaConsumer<>(consumerProperties,
                     topic.keySerde().deserializer(), topic.valueSerde().deserializer())) {
            // assign, not subscribe: no group rebalance to wait for on a shared test broker
            consumer.assign(List.of(new TopicPartition(topic.name(), 0)));
            consumer.seekToBeginning(consumer.assignment());
            List<BackendStatus> mine = new ArrayList<>();
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (name.equals(r.key())) {
                        mine.add(r.value());
                    }
                });
                return !mine.isEmpty();
            });
            BackendStatus first = mine.get(0);
            assertThat(first.getBackendId()).isEqualTo(name);
            assertThat(first.getKind()).isEqualTo(BackendKind.DOJO);
            assertThat(first.getState()).isEqualTo(BackendState.UP);
            assertThat(first.getCapacityUnit()).isEqualTo(CapacityUnit.TRAINING_TILE);
            assertThat(first.getCapacity()).isEqualTo(120);
            assertThat(first.getFreeCapacity()).isEqualTo(120);
            assertThat(first.getCostPerUnitHour()).isEqualByComparingTo(new BigDecimal("15.0000"));

            new BackendFaults(backend.baseUri()).outage();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> {
                    if (name.equals(r.key())) {
                        mine.add(r.value());
                    }
                });
                return mine.get(mine.size() - 1).getState() == BackendState.DOWN;
            });
            assertThat(mine.get(mine.size() - 1).getFreeCapacity()).isZero();
        }
    }
}
