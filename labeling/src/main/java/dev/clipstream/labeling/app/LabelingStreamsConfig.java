package dev.clipstream.labeling.app;

import dev.clipstream.labeling.deadletter.DeadLetterDeserializationHandler;
import dev.clipstream.labeling.deadletter.DeadLetterProcessingHandler;
import dev.clipstream.labeling.deadletter.DeadLetters;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;

/**
 * The Kafka Streams properties the labeling app needs whatever the deployment: exactly-once, the dead-letter
 * handlers, internal topics with the catalog's replication factor. Overrides (the {@code kafka.streams.*}
 * pass-through keys) apply on top, except the guarantee, which is not negotiable.
 */
public final class LabelingStreamsConfig {

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
        props.putAll(overrides);
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        return props;
    }
}
