package dev.clipstream.devstack.kafka;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** The broker's fault modes: stop and restart on the same port and data; suspend and resume (a hung broker). */
class EmbeddedKafkaBrokerFaultsIT {

    private static final String TOPIC = "faults";

    @TempDir
    Path tempDir;

    private EmbeddedKafkaBroker broker;

    @AfterEach
    void closeBroker() {
        if (broker != null) {
            broker.close();
        }
    }

    @Test
    void restartKeepsPortAndDataAndClientsGetConnectionRefusedWhileStopped() throws Exception {
        broker = EmbeddedKafkaBroker.start(tempDir.resolve("kafka"));
        String bootstrap = broker.bootstrapServers();
        long firstPid = broker.pid();
        try (Admin admin = admin(bootstrap)) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        produce(bootstrap, "before-1", "before-2");

        broker.stop();

        assertThat(broker.isRunning()).isFalse();
        assertThat(portOpen(broker.port())).as("port of a stopped broker").isFalse();
        assertThat(Files.exists(broker.dir().resolve("data"))).as("data dir kept while stopped").isTrue();

        broker.restart();

        assertThat(broker.isRunning()).isTrue();
        assertThat(broker.bootstrapServers()).isEqualTo(bootstrap);
        assertThat(broker.pid()).isNotEqualTo(firstPid);
        assertThat(broker.dir().resolve("broker-1.log")).exists();
        produce(bootstrap, "after-1");
        assertThat(readAll(bootstrap, 3)).containsExactly("before-1", "before-2", "after-1");
        assertThat(broker.unexpectedExit()).as("a requested stop is not an unexpected exit").isNotDone();

        Path dir = broker.dir();
        broker.close();
        assertThat(dir).doesNotExist();
    }

    @Test
    void suspendedBrokerAcceptsConnectionsButDoesNotAnswerUntilResumed() throws Exception {
        broker = EmbeddedKafkaBroker.start(tempDir.resolve("kafka"));
        String bootstrap = broker.bootstrapServers();
        try (Admin admin = admin(bootstrap)) {
            broker.suspend();

            assertThat(portOpen(broker.port())).as("the kernel still accepts connections").isTrue();
            assertThatThrownBy(() -> admin.describeCluster().nodes().get(3, TimeUnit.SECONDS))
                    .isInstanceOf(java.util.concurrent.TimeoutException.class);

            broker.resume();

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                    assertThat(admin.describeCluster().nodes().get(5, TimeUnit.SECONDS)).hasSize(1));
        }
    }

    @Test
    void closeOfASuspendedBrokerStillStopsItAndDeletesItsDir() {
        broker = EmbeddedKafkaBroker.start(tempDir.resolve("kafka"));
        ProcessHandle process = ProcessHandle.of(broker.pid()).orElseThrow();
        Path dir = broker.dir();
        broker.suspend();

        broker.close();

        assertThat(process.isAlive()).isFalse();
        assertThat(dir).doesNotExist();
    }

    private static Admin admin(String bootstrap) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000));
    }

    private static void produce(String bootstrap, String... values) throws ExecutionException, InterruptedException {
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer())) {
            for (String value : values) {
                producer.send(new ProducerRecord<>(TOPIC, value)).get();
            }
        }
    }

    private static List<String> readAll(String bootstrap, int expected) {
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
            consumer.assign(List.of(new TopicPartition(TOPIC, 0)));
            consumer.seekToBeginning(List.of(new TopicPartition(TOPIC, 0)));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                    values.add(record.value());
                }
                return values.size() >= expected;
            });
        }
        return values;
    }

    private static boolean portOpen(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
