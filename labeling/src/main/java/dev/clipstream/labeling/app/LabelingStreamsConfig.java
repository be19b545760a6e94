package dev.clipstream.labeling.app;

import dev.clipstream.labeling.deadletter.DeadLetterDeserializationHandler;
import dev.clipstream.labeling.deadletter.DeadLetterProcessingHandler;
import dev.clipstream.labeling.deadletter.DeadLetters;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Kafka Streams properties the labeling app needs whatever the deployment: exactly-once, the dead-letter
 * handlers, internal topics with the catalog's replication factor. Overrides (the {@code kafka.streams.*}
 * pass-through keys) apply on top. The guarantee is exactly_once_v2 unless an override names another one
 * explicitly: the fault tests' at-least-once control run needs that, and it is logged as a warning.
 */
public final class LabelingStreamsConfig {

    private static final Logger LOG = LoggerFactory.getLogger(LabelingStreamsConfig.class);

    /** Commit (and transaction) interval unless overridden with kafka.streams.commit.interval.ms. */
    public static final long DEFAULT_COMMIT_INTERVAL_MS = 1_000;

    private LabelingStreamsConfig() {
    }

    public static Properties properties(String applicationId, String bootstrapServers, String deadLetterTopic,
                                        short replicationFactor, Map<String, String> overrides) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, Short.toString(replicationFactor));
        props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG,
                DeadLetterDeserializationHandler.class.getName());
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterProcessingHandler.class.getName());
        // Also for the global campaigns table: a bad campaign record must not stop the app either.
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, "true");
        props.put(DeadLetters.TOPIC_CONFIG, deadLetterTopic);
        // Each commit is a transaction over every task's output, changelog and offset partitions; at Streams'
        // exactly-once default of 100 ms the app spent most of its time committing (measured on the devstack).
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, Long.toString(DEFAULT_COMMIT_INTERVAL_MS));
        // Task idling orders records across a task's input partitions (joins, merges); every task of this
        // topology reads exactly one partition (LabelingTopologyShapeTest), so it has nothing to order. Kafka
        // Streams 4.4 still formats a "waiting for data" message with String.format for every empty partition
        // on every loop: ~10 % of the stream thread's CPU in a JFR profile of bench labeling. -1 skips it.
        props.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, Long.toString(StreamsConfig.MAX_TASK_IDLE_MS_DISABLED));
        props.putAll(overrides);
        String guarantee = overrides.getOrDefault(StreamsConfig.PROCESSING_GUARANTEE_CONFIG,
                StreamsConfig.EXACTLY_ONCE_V2);
        if (!StreamsConfig.EXACTLY_ONCE_V2.equals(guarantee)) {
            LOG.warn("processing.guarantee is {} instead of {}: after a crash clips can be processed twice "
                    + "(duplicates in batches or rejections). Only for testing that the verifier detects it.",
                    guarantee, StreamsConfig.EXACTLY_ONCE_V2);
        }
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, guarantee);
        return props;
    }
}
