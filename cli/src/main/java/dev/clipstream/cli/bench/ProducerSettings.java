package dev.clipstream.cli.bench;

import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * The producer configuration both sides of the benchmark run with, so that the only difference between them is
 * what Clipstream adds: Avro serialization in the Confluent wire format. Idempotence follows acks (Kafka refuses
 * idempotence without acks=all), and is set explicitly on both sides rather than left to defaults.
 */
public record ProducerSettings(String acks, int lingerMs, int batchSize) {

    static final String COMPRESSION = "none";

    public ProducerSettings {
        if (!List.of("all", "-1", "0", "1").contains(acks)) {
            throw new IllegalArgumentException("acks must be one of all, -1, 0, 1; was '" + acks + "'");
        }
        if (lingerMs < 0) {
            throw new IllegalArgumentException("linger.ms must be >= 0, was " + lingerMs);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch.size must be >= 1, was " + batchSize);
        }
    }

    public boolean idempotent() {
        return acks.equals("all") || acks.equals("-1");
    }

    /** The settings as producer configs, in a stable order (they are also printed in the report). */
    public Map<String, String> asConfigs() {
        return Map.of(
                ProducerConfig.ACKS_CONFIG, acks,
                ProducerConfig.LINGER_MS_CONFIG, Integer.toString(lingerMs),
                ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(batchSize),
                ProducerConfig.COMPRESSION_TYPE_CONFIG, COMPRESSION,
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, Boolean.toString(idempotent()));
    }

    Properties producerProperties(String bootstrapServers) {
        Properties properties = new Properties();
        properties.putAll(asConfigs());
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return properties;
    }

    /** One line for the report, e.g. {@code acks=all, linger.ms=5, batch.size=16384, compression=none, idempotence=true}. */
    public String describe() {
        return "acks=" + acks + ", linger.ms=" + lingerMs + ", batch.size=" + batchSize + ", compression="
                + COMPRESSION + ", idempotence=" + idempotent();
    }
}
