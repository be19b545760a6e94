package dev.clipstream.labeling.deadletter;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes dead letters with a producer of its own, for the global campaigns thread: Kafka Streams (4.4) can only send
 * a handler's dead-letter records from a stream task, and on the global thread it fails with a ClassCastException
 * that stops the whole app. Not transactional (the global thread has no transaction): a restart that reads the record
 * again writes its dead letter again. Created on the first dead letter, so apps without one open no producer.
 */
final class DirectDeadLetterProducer implements Consumer<ProducerRecord<byte[], byte[]>> {

    private static final Logger LOG = LoggerFactory.getLogger(DirectDeadLetterProducer.class);
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(30);

    private final Map<String, Object> producerConfig;
    private KafkaProducer<byte[], byte[]> producer;

    /** {@code streamsConfig}: the handler's configs; bootstrap servers and security keys are taken from it. */
    DirectDeadLetterProducer(Map<String, ?> streamsConfig) {
        Map<String, Object> config = new HashMap<>();
        streamsConfig.forEach((key, value) -> {
            if (key.equals(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG)
                    || key.equals(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG)
                    || key.startsWith("sasl.") || key.startsWith("ssl.")) {
                config.put(key, value);
            }
        });
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.CLIENT_ID_CONFIG, streamsConfig.get("application.id") + "-global-dead-letters");
        this.producerConfig = config;
    }

    /** Sends and waits for the broker's acknowledgement; a failure is logged (the record's origin named), not thrown. */
    @Override
    public synchronized void accept(ProducerRecord<byte[], byte[]> record) {
        try {
            if (producer == null) {
                producer = new KafkaProducer<>(producerConfig, new ByteArraySerializer(), new ByteArraySerializer());
            }
            producer.send(record).get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            LOG.error("Interrupted while writing a dead letter to {}; it is lost", record.topic());
        } catch (Exception e) {
            LOG.error("Could not write a dead letter to {}; it is lost: {}", record.topic(), e.toString());
        }
    }
}
