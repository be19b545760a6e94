package dev.clipstream.testkit;

import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

class SharedTestStackIT {

    private final TestStack stack = TestStack.shared();

    @Test
    void sharedIsOneStackPerJvm() {
        assertThat(TestStack.shared()).isSameAs(stack);
        assertThat(stack.backendName()).isIn("devstack", "testcontainers");
    }

    @Test
    void adminSeesTheBroker() throws Exception {
        assertThat(stack.admin().describeCluster().nodes().get(30, TimeUnit.SECONDS)).isNotEmpty();
    }

    @Test
    void recordsRoundTripOnAUniqueTopic() throws Exception {
        String topic = stack.uniqueTopic("testkit-roundtrip");
        stack.admin().createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()),
                new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, "k", "v")).get(30, TimeUnit.SECONDS);
        }
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, topic,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            List<ConsumerRecord<String, String>> received = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(received::add);
                return !received.isEmpty();
            });
            assertThat(received).singleElement().extracting(ConsumerRecord::value).isEqualTo("v");
        }
    }

    @Test
    void schemaRegistryAnswersOnItsCcompatApi() throws Exception {
        assertThat(stack.schemaRegistryUrl()).endsWith("/apis/ccompat/v7");
        HttpResponse<String> config = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(stack.schemaRegistryUrl() + "/config")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(config.statusCode()).isEqualTo(200);
        assertThat(config.body()).contains("BACKWARD");
    }

    @Test
    void uniqueTopicGivesDistinctNamesWithThePrefix() {
        Set<String> topics = IntStream.range(0, 1000).mapToObj(i -> stack.uniqueTopic("clips"))
                .collect(Collectors.toSet());

        assertThat(topics).hasSize(1000).allMatch(topic -> topic.matches("clips-[0-9a-f]{12}"));
    }

    @Test
    void uniqueTopicRejectsAnIllegalPrefix() {
        assertThatThrownBy(() -> stack.uniqueTopic("bad topic")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'bad topic'");
        assertThatThrownBy(() -> stack.uniqueTopic(null)).isInstanceOf(IllegalArgumentException.class);
    }
}
