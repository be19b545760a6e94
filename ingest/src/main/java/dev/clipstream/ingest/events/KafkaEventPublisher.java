package dev.clipstream.ingest.events;

import dev.clipstream.schemas.avro.ClipUploaded;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An idempotent producer with acks=all, keyed by vehicle id. Its timeouts are derived from one budget so that
 * {@link #publish} returns within it: max.block.ms (waiting for metadata when the broker is gone) takes a quarter,
 * delivery.timeout.ms (send, retries, acknowledgement) the rest. After the delivery timeout the client has given up
 * for good, so an event reported as failed is not retried behind the uploader's back.
 */
public final class KafkaEventPublisher implements EventPublisher {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaEventPublisher.class);
    private static final long LINGER_MS = 2;

    private final Producer<String, ClipUploaded> producer;
    private final String topic;
    private final Duration timeout;
    private final AtomicBoolean failing = new AtomicBoolean();

    public KafkaEventPublisher(String bootstrapServers, String topic, Serializer<String> keySerializer,
                               Serializer<ClipUploaded> valueSerializer, Duration timeout,
                               Map<String, String> overrides) {
        this.topic = topic;
        this.timeout = timeout;
        this.producer = new KafkaProducer<>(producerConfig(bootstrapServers, timeout, overrides),
                nonClosing(keySerializer), nonClosing(valueSerializer));
    }

    /** The producer settings for a publish budget; overrides win except where they would weaken durability. */
    static Map<String, Object> producerConfig(String bootstrapServers, Duration timeout, Map<String, String> overrides) {
        long budget = Math.max(timeout.toMillis(), 2_000);
        long maxBlock = budget / 4;
        long delivery = budget - maxBlock;
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "ingest-producer");
        config.put(ProducerConfig.LINGER_MS_CONFIG, LINGER_MS);
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, maxBlock);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) delivery);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) (delivery - LINGER_MS));
        config.putAll(overrides);
        for (Map.Entry<String, String> durable : Map.of(ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true").entrySet()) {
            Object given = config.put(durable.getKey(), durable.getValue());
            if (given != null && !given.toString().equalsIgnoreCase(durable.getValue())) {
                LOG.warn("Ignoring kafka.producer.{}={}: ingest always produces with {}={}", durable.getKey(), given,
                        durable.getKey(), durable.getValue());
            }
        }
        return config;
    }

    /** The client, e.g. for Micrometer's KafkaClientMetrics. */
    public Producer<String, ClipUploaded> producer() {
        return producer;
    }

    @Override
    public void publish(ClipUploaded event) {
        try {
            producer.send(new ProducerRecord<>(topic, event.getVehicleId(), event))
                    .get(timeout.toMillis() + 1_000, TimeUnit.MILLISECONDS);
            if (failing.compareAndSet(true, false)) {
                LOG.info("Kafka acknowledges ClipUploaded events again");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw failed("interrupted while waiting for the broker", e);
        } catch (ExecutionException e) {
            throw failed(e.getCause().toString(), e.getCause());
        } catch (TimeoutException e) {
            throw failed("no acknowledgement within " + timeout.toMillis() + " ms", e);
        } catch (RuntimeException e) {
            // send() itself throws when metadata does not arrive within max.block.ms or serialization fails.
            throw failed(e.toString(), e);
        }
    }

    private PublishFailedException failed(String reason, Throwable cause) {
        if (failing.compareAndSet(false, true)) {
            LOG.warn("Kafka did not acknowledge a ClipUploaded event on '{}' ({}); uploads answer 503 until it does",
                    topic, reason);
        }
        return new PublishFailedException("Kafka did not acknowledge the event: " + reason, cause);
    }

    @Override
    public void close() {
        try {
            producer.flush();
        } finally {
            producer.close(timeout);
        }
    }

    /** The catalog's serdes share one registry client; closing the producer must not close it. */
    private static <T> Serializer<T> nonClosing(Serializer<T> delegate) {
        return new Serializer<>() {
            @Override
            public byte[] serialize(String topic, T data) {
                return delegate.serialize(topic, data);
            }

            @Override
            public byte[] serialize(String topic, Headers headers, T data) {
                return delegate.serialize(topic, headers, data);
            }

            @Override
            public void close() {
            }
        };
    }
}
