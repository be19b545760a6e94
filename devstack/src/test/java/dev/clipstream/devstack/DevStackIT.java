package dev.clipstream.devstack;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/** One real stack for the class; the last test closes it and checks nothing is left. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DevStackIT {

    private static final String SCHEMA_JSON = "application/vnd.schemaregistry.v1+json";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private static DevStack stack;

    @BeforeAll
    static void startStack() {
        stack = DevStack.start(DevStackOptions.defaults());
    }

    @AfterAll
    static void closeStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    @Order(1)
    void addressesPointAtLoopback() {
        assertThat(stack.bootstrapServers()).matches("127\\.0\\.0\\.1:\\d+");
        assertThat(stack.schemaRegistryUrl()).matches("http://127\\.0\\.0\\.1:\\d+/apis/ccompat/v7");
        assertThat(stack.workDir()).isDirectory();
    }

    @Test
    @Order(1)
    void childrenLogToFilesInTheWorkDirAndTheBrokerOnlyAtWarn() throws Exception {
        String brokerLog = Files.readString(stack.workDir().resolve("kafka/broker.log"));
        String registryLog = Files.readString(stack.workDir().resolve("registry/registry.log"));

        assertThat(brokerLog).contains("BrokerMain: broker started").doesNotContain(" INFO ");
        assertThat(registryLog).contains("apicurio");
    }

    @Test
    @Order(2)
    void producesAndConsumesARecord() throws Exception {
        String topic = "devstack-it-roundtrip";
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
        }
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, "clip-1", "hello devstack")).get();
        }
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "devstack-it",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            List<ConsumerRecord<String, String>> received = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(received::add);
                return !received.isEmpty();
            });
            assertThat(received).singleElement().satisfies(record -> {
                assertThat(record.key()).isEqualTo("clip-1");
                assertThat(record.value()).isEqualTo("hello devstack");
            });
        }
    }

    @Test
    @Order(2)
    void producerToATopicNobodyCreatedFailsInsteadOfCreatingIt() throws Exception {
        String topic = "devstack-it-never-created";
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 3_000), new StringSerializer(), new StringSerializer())) {
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>(topic, "k", "v")).get())
                    .isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(TimeoutException.class)
                    .hasMessageContaining("Topic " + topic + " not present in metadata");
        }
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()))) {
            assertThat(admin.listTopics().names().get()).doesNotContain(topic);
        }
    }

    @Test
    @Order(3)
    void registersAndFetchesASchemaThroughTheCcompatApi() throws Exception {
        String schema = "{\"type\":\"record\",\"name\":\"Clip\",\"fields\":[{\"name\":\"id\",\"type\":\"string\"}]}";
        HttpResponse<String> registered = post("/subjects/clips-value/versions", registrationBody(schema));
        assertThat(registered.statusCode()).as(registered.body()).isEqualTo(200);
        int id = Integer.parseInt(jsonField(registered.body(), "id").orElseThrow());

        HttpResponse<String> fetched = get("/schemas/ids/" + id);
        assertThat(fetched.statusCode()).isEqualTo(200);
        assertThat(fetched.body()).contains("Clip").contains("\\\"id\\\"");

        HttpResponse<String> versions = get("/subjects/clips-value/versions");
        assertThat(versions.body()).isEqualTo("[1]");
    }

    @Test
    @Order(4)
    void globalCompatibilityIsBackwardAndEnforced() throws Exception {
        HttpResponse<String> config = get("/config");
        assertThat(config.statusCode()).isEqualTo(200);
        assertThat(jsonField(config.body(), "compatibilityLevel")).contains("BACKWARD");

        String v1 = "{\"type\":\"record\",\"name\":\"Label\",\"fields\":[{\"name\":\"a\",\"type\":\"string\"}]}";
        String v2WithoutDefault = "{\"type\":\"record\",\"name\":\"Label\",\"fields\":["
                + "{\"name\":\"a\",\"type\":\"string\"},{\"name\":\"b\",\"type\":\"string\"}]}";
        assertThat(post("/subjects/labels-value/versions", registrationBody(v1)).statusCode()).isEqualTo(200);
        // A new field without a default cannot read old records: BACKWARD must reject it.
        assertThat(post("/subjects/labels-value/versions", registrationBody(v2WithoutDefault)).statusCode())
                .isEqualTo(409);
    }

    @Test
    @Order(Integer.MAX_VALUE)
    void closeStopsBothChildrenAndDeletesTheWorkDir() {
        long kafkaPid = stack.kafka().pid();
        long registryPid = stack.registry().pid();
        assertThat(ProcessHandle.of(kafkaPid)).get().matches(ProcessHandle::isAlive);
        assertThat(ProcessHandle.of(registryPid)).get().matches(ProcessHandle::isAlive);

        long startNanos = System.nanoTime();
        stack.close();
        System.out.printf("DevStack close took %d ms%n", (System.nanoTime() - startNanos) / 1_000_000);

        for (long pid : Set.of(kafkaPid, registryPid)) {
            assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).as("pid %d", pid).isEmpty();
        }
        assertThat(Files.exists(stack.workDir())).isFalse();
        assertThat(stack.unexpectedExit()).as("children stopped by close() did not exit unexpectedly").isNotDone();
        stack.close(); // idempotent
    }

    private static String registrationBody(String schema) {
        return "{\"schema\":\"" + schema.replace("\"", "\\\"") + "\"}";
    }

    private static Optional<String> jsonField(String json, String field) {
        Matcher matcher = Pattern.compile("\"" + field + "\"\\s*:\\s*\"?([^\",}]+)\"?").matcher(json);
        return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(stack.schemaRegistryUrl() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> post(String path, String body) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(stack.schemaRegistryUrl() + path))
                .header("Content-Type", SCHEMA_JSON)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
