package dev.clipstream.fleet.bench;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * How long the broker takes to acknowledge one event right now: sequential sends of a ClipUploaded-sized record with
 * the producer settings ingest uses (acks=all, idempotent, linger 2 ms) to a topic of its own. Every upload waits for
 * one such acknowledgement, the raw side for none, so it explains much of the per-upload overhead on a busy machine.
 */
final class KafkaAckProbe implements AutoCloseable {

    private static final String TOPIC = "clipstream.bench.ack-probe";
    private static final int SENDS = 30;

    private final Producer<byte[], byte[]> producer;

    KafkaAckProbe(String bootstrapServers) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            admin.createTopics(List.of(new NewTopic(TOPIC, Optional.of(1), Optional.empty()))).all()
                    .get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                throw new IllegalStateException("Cannot create the probe topic: " + e.getCause().getMessage(), e);
            }
        } catch (Exception e) {
            throw new IllegalStateException("Cannot create the probe topic: " + e.getMessage(), e);
        }
        producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.LINGER_MS_CONFIG, 2),
                new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** Median acknowledgement time in milliseconds over a few sequential sends. */
    double medianAckMillis() throws Exception {
        Histogram latency = new Histogram(TimeUnit.MINUTES.toMicros(5), 3);
        byte[] value = new byte[400];
        for (int i = 0; i < SENDS; i++) {
            long begin = System.nanoTime();
            producer.send(new ProducerRecord<>(TOPIC, ("veh-" + i).getBytes(), value))
                    .get(Duration.ofSeconds(60).toMillis(), TimeUnit.MILLISECONDS);
            latency.recordValue(Math.max(1, (System.nanoTime() - begin) / 1000));
        }
        return latency.getValueAtPercentile(50) / 1000.0;
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(10));
    }
}
