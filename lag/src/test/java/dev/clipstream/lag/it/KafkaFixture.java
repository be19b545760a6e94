package dev.clipstream.lag.it;

import dev.clipstream.testkit.TestStack;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/** Topics, records, commits and consumers on the shared test broker, for the lag ITs. */
final class KafkaFixture {

    final TestStack stack = TestStack.shared();

    String topic(String prefix, int partitions) {
        String topic = stack.uniqueTopic(prefix);
        await(stack.admin().createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all());
        return topic;
    }

    static String group(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    KafkaProducer<byte[], byte[]> producer(String transactionalId) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        props.put(ProducerConfig.LINGER_MS_CONFIG, "0");
        if (transactionalId != null) {
            props.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, transactionalId);
        }
        return new KafkaProducer<>(props, new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** {@code count} records on one partition, the i-th stamped {@code firstTimestamp + i * stepMillis}. */
    void produce(String topic, int partition, int count, long firstTimestamp, long stepMillis) {
        try (KafkaProducer<byte[], byte[]> producer = producer(null)) {
            for (int i = 0; i < count; i++) {
                producer.send(new ProducerRecord<>(topic, partition, firstTimestamp + i * stepMillis, null,
                        ("record-" + i).getBytes()));
            }
            producer.flush();
        }
    }

    void produce(String topic, int partition, int count) {
        produce(topic, partition, count, System.currentTimeMillis(), 0);
    }

    /** Commits for a group that has no members, as an operator's offset reset would. */
    void commit(String group, Map<TopicPartition, Long> offsets) {
        Map<TopicPartition, OffsetAndMetadata> commits = new java.util.HashMap<>();
        offsets.forEach((tp, offset) -> commits.put(tp, new OffsetAndMetadata(offset)));
        await(stack.admin().alterConsumerGroupOffsets(group, commits).all());
    }

    /** A consumer that joined {@code group}, owns every partition of {@code topic} and never commits by itself. */
    KafkaConsumer<byte[], byte[]> member(String group, String topic) {
        return member(group, topic, "classic");
    }

    /** @param protocol "classic" or "consumer" (the KIP-848 consumer rebalance protocol) */
    KafkaConsumer<byte[], byte[]> member(String group, String topic, String protocol) {
        Properties props = new Properties();
        props.put(ConsumerConfig.GROUP_PROTOCOL_CONFIG, protocol);
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        props.put(ConsumerConfig.CLIENT_ID_CONFIG, group + "-member");
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "1");
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
        consumer.subscribe(List.of(topic));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (consumer.assignment().isEmpty()) {
            if (System.nanoTime() > deadline) {
                consumer.close();
                throw new IllegalStateException("consumer of " + group + " got no assignment in 30 s");
            }
            consumer.poll(Duration.ofMillis(100));
        }
        return consumer;
    }

    static <T> T await(KafkaFuture<T> future) {
        try {
            return future.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException(e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
