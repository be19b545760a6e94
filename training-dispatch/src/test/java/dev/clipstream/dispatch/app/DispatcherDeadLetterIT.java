package dev.clipstream.dispatch.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.clipstream.dispatch.bench.SyntheticBatches;
import dev.clipstream.schemas.avro.BatchOrigin;
import dev.clipstream.schemas.avro.TrainingBatch;
import dev.clipstream.schemas.serde.UnknownMagicByteException;
import dev.clipstream.schemas.serde.UnknownSchemaIdException;
import dev.clipstream.schemas.topic.DeadLetterRecords;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

/**
 * Poison records on training.batches (garbage, and Confluent wire format with a schema id the registry does not know)
 * between valid batches: each lands once on the dead-letter topic with its origin and error headers, committed with
 * the offset past it, and the dispatcher goes on placing the valid batches, also after a restart.
 */
class DispatcherDeadLetterIT {

    private static final byte[] GARBAGE = "definitely not avro".getBytes(StandardCharsets.UTF_8);
    /** Magic byte 0, then a schema id no registry in the devstack hands out, then a body. */
    private static final byte[] UNKNOWN_SCHEMA_ID = ByteBuffer.allocate(8).put((byte) 0).putInt(987_654_321)
            .put(new byte[] {2, 4, 6}).array();

    @Test
    void poisonRecordsGoToTheDeadLetterTopicOnceAndTheValidBatchesAroundThemComplete() throws Exception {
        try (DispatchHarness harness = new DispatchHarness(31)) {
            String deadLetterTopic = harness.catalog.deadLetter().name();
            ensureTopic(harness, deadLetterTopic);
            DispatcherApp app = harness.startDispatcher();
            await().atMost(Duration.ofSeconds(30)).until(app::ready);

            List<String> batchIds = new ArrayList<>();
            Map<String, Long> poisonOffsets = new HashMap<>();
            try (KafkaProducer<byte[], byte[]> producer = bytesProducer(harness)) {
                publishValidOnEveryPartition(harness, producer, batchIds);
                poisonOffsets.put("garbage", send(producer, harness.batchesTopic, 0, GARBAGE).offset());
                poisonOffsets.put("unknown-id", send(producer, harness.batchesTopic, 1, UNKNOWN_SCHEMA_ID).offset());
                publishValidOnEveryPartition(harness, producer, batchIds);
            }

            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                    .until(() -> harness.completedCounts().size() == batchIds.size());
            harness.assertEachCompletedExactlyOnce(batchIds);

            List<ConsumerRecord<byte[], byte[]>> dead = deadLettersOf(harness, deadLetterTopic);
            assertThat(dead).as("dead letters from " + harness.batchesTopic).hasSize(2);
            assertThat(dead).anySatisfy(record -> {
                assertThat(record.value()).isEqualTo(GARBAGE);
                assertThat(header(record, DeadLetterRecords.SOURCE_PARTITION)).isEqualTo("0");
                assertThat(header(record, DeadLetterRecords.SOURCE_OFFSET))
                        .isEqualTo(Long.toString(poisonOffsets.get("garbage")));
                assertThat(header(record, DeadLetterRecords.ERROR_CLASS))
                        .isEqualTo(UnknownMagicByteException.class.getName());
                assertThat(header(record, DeadLetterRecords.ERROR_MESSAGE)).contains("magic byte");
            });
            assertThat(dead).anySatisfy(record -> {
                assertThat(record.value()).isEqualTo(UNKNOWN_SCHEMA_ID);
                assertThat(header(record, DeadLetterRecords.SOURCE_PARTITION)).isEqualTo("1");
                assertThat(header(record, DeadLetterRecords.SOURCE_OFFSET))
                        .isEqualTo(Long.toString(poisonOffsets.get("unknown-id")));
                assertThat(header(record, DeadLetterRecords.ERROR_CLASS))
                        .isEqualTo(UnknownSchemaIdException.class.getName());
                assertThat(header(record, DeadLetterRecords.ERROR_MESSAGE)).contains("987654321");
            });

            assertThat(app.ready()).as("dispatcher still running").isTrue();
            assertThat(app.view().deadLetters()).isEqualTo(2);
            assertThat(deadLetterCounter(app)).isEqualTo(2.0);

            // The offsets past the poison records were committed with them: a new instance does not send them again.
            app.kill();
            DispatcherApp second = harness.startDispatcher();
            await().atMost(Duration.ofSeconds(30)).until(second::ready);
            try (KafkaProducer<byte[], byte[]> producer = bytesProducer(harness)) {
                publishValidOnEveryPartition(harness, producer, batchIds);
            }
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                    .until(() -> harness.completedCounts().size() == batchIds.size());
            harness.assertEachCompletedExactlyOnce(batchIds);
            assertThat(deadLettersOf(harness, deadLetterTopic)).as("dead letters after the restart").hasSize(2);
            assertThat(second.view().deadLetters()).isZero();
        }
    }

    private static void ensureTopic(DispatchHarness harness, String topic) throws Exception {
        try {
            harness.stack.admin().createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw e;
            }
        }
    }

    private static KafkaProducer<byte[], byte[]> bytesProducer(DispatchHarness harness) {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, harness.stack.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** One valid batch on each partition, so that each poison record has valid batches before and after it. */
    private static void publishValidOnEveryPartition(DispatchHarness harness, KafkaProducer<byte[], byte[]> producer,
                                                     List<String> batchIds) throws Exception {
        for (int partition = 0; partition < 3; partition++) {
            UUID id = UUID.randomUUID();
            TrainingBatch batch = SyntheticBatches.batch(id, "campaign-dlq", 200, 2000.0, BatchOrigin.LIVE);
            byte[] key = harness.catalog.trainingBatches().keySerde().serializer()
                    .serialize(harness.batchesTopic, id.toString());
            byte[] value = harness.catalog.trainingBatches().valueSerde().serializer()
                    .serialize(harness.batchesTopic, batch);
            producer.send(new ProducerRecord<>(harness.batchesTopic, partition, key, value)).get();
            batchIds.add(id.toString());
        }
    }

    private static RecordMetadata send(KafkaProducer<byte[], byte[]> producer, String topic, int partition,
                                       byte[] value) throws Exception {
        return producer.send(new ProducerRecord<>(topic, partition, "poison".getBytes(StandardCharsets.UTF_8),
                value)).get();
    }

    /** The committed dead letters whose source is this test's batches topic. */
    private static List<ConsumerRecord<byte[], byte[]>> deadLettersOf(DispatchHarness harness, String topic) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, harness.stack.bootstrapServers());
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<ConsumerRecord<byte[], byte[]>> dead = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = new HashMap<>(consumer.endOffsets(partitions));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!end.isEmpty()) {
                assertThat(System.nanoTime() - deadline).as("reading " + topic + " to its end").isNegative();
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(100))) {
                    if (harness.batchesTopic.equals(DeadLetterRecords.header(record.headers(),
                            DeadLetterRecords.SOURCE_TOPIC).orElse(null))) {
                        dead.add(record);
                    }
                }
                end.entrySet().removeIf(e -> consumer.position(e.getKey()) >= e.getValue());
            }
        }
        return dead;
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        return DeadLetterRecords.header(record.headers(), name).orElseThrow(() -> new AssertionError("no " + name));
    }

    private static double deadLetterCounter(DispatcherApp app) throws Exception {
        String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create(app.managementUri() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString()).body();
        Matcher matcher = Pattern.compile("(?m)^dispatch_dead_letters_total(\\{[^}]*})? (\\S+)$").matcher(metrics);
        assertThat(matcher.find()).as("dispatch_dead_letters_total in\n" + metrics).isTrue();
        return Double.parseDouble(matcher.group(2));
    }
}
