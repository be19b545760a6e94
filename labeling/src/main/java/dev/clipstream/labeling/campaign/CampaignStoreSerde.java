package dev.clipstream.labeling.campaign;

import dev.clipstream.schemas.avro.Campaign;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The value serde of the global campaigns store: reads a stored value that cannot be decoded as "no campaign" instead
 * of throwing. Kafka Streams fills a global table at start by copying the topic's bytes into the store, past the
 * deserialization exception handler, so a poison pill already on the campaigns topic would otherwise sit in the store
 * and fail every clip that reads the campaigns. Writes use the topic's serde unchanged.
 */
public final class CampaignStoreSerde {

    private static final Logger LOG = LoggerFactory.getLogger(CampaignStoreSerde.class);
    static final Duration WARN_INTERVAL = Duration.ofMinutes(1);

    private CampaignStoreSerde() {
    }

    public static Serde<Campaign> skippingUndecodable(Serde<Campaign> topicSerde) {
        return Serdes.serdeFrom(topicSerde.serializer(), new SkippingDeserializer(topicSerde.deserializer()));
    }

    /** Decodes like the topic's deserializer; an undecodable value is null, with one WARN a minute at most. */
    private static final class SkippingDeserializer implements Deserializer<Campaign> {

        private final Deserializer<Campaign> delegate;
        private long nextWarnAtMs;
        private long skippedSinceWarn;

        SkippingDeserializer(Deserializer<Campaign> delegate) {
            this.delegate = delegate;
        }

        @Override
        public void configure(Map<String, ?> configs, boolean isKey) {
            delegate.configure(configs, isKey);
        }

        @Override
        public Campaign deserialize(String topic, byte[] data) {
            try {
                return delegate.deserialize(topic, data);
            } catch (RuntimeException e) {
                warn(topic, data, e);
                return null;
            }
        }

        // The store is read by every stream thread at once.
        private synchronized void warn(String topic, byte[] data, RuntimeException error) {
            skippedSinceWarn++;
            long now = System.currentTimeMillis();
            if (now < nextWarnAtMs) {
                return;
            }
            LOG.warn("Undecodable campaign in the campaigns store (topic '{}') read as no campaign; clips are matched"
                    + " against the other campaigns ({} such reads since the last warning, at most one warning every"
                    + " {} s). Last: {} bytes, {}", topic, skippedSinceWarn, WARN_INTERVAL.toSeconds(),
                    data == null ? 0 : data.length, error.toString());
            skippedSinceWarn = 0;
            nextWarnAtMs = now + WARN_INTERVAL.toMillis();
        }

        @Override
        public void close() {
            delegate.close();
        }
    }
}
