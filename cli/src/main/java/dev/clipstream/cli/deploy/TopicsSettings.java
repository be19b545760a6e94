package dev.clipstream.cli.deploy;

import dev.clipstream.runtime.config.ConfigDefinition;
import dev.clipstream.runtime.config.EffectiveConfig;
import dev.clipstream.runtime.config.PlatformSettings;
import dev.clipstream.schemas.serde.SerdeSettings;
import dev.clipstream.schemas.topic.TopicCatalog;
import dev.clipstream.schemas.topic.TopicSpec;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.AdminClientConfig;

/** What {@code clipstream topics create} does, from its {@link TopicsConfig} keys (and options on top). */
public record TopicsSettings(PlatformSettings platform, int replicationFactor, int minInsyncReplicas,
                             boolean registerSchemas, Duration timeout, Map<String, String> adminOverrides) {

    public TopicsSettings {
        adminOverrides = Map.copyOf(adminOverrides);
        if (replicationFactor < 1 || replicationFactor > Short.MAX_VALUE) {
            throw new IllegalArgumentException("The replication factor must be between 1 and " + Short.MAX_VALUE
                    + ", was " + replicationFactor);
        }
        if (minInsyncReplicas < 0 || minInsyncReplicas > replicationFactor) {
            throw new IllegalArgumentException("min.insync.replicas must be between 0 (the catalog's choice) and the "
                    + "replication factor " + replicationFactor + ", was " + minInsyncReplicas);
        }
    }

    public static TopicsSettings from(EffectiveConfig config) {
        return new TopicsSettings(PlatformSettings.from(config), config.getInt(TopicsConfig.REPLICATION_FACTOR),
                config.getInt(TopicsConfig.MIN_INSYNC_REPLICAS), config.getBoolean(TopicsConfig.REGISTER_SCHEMAS),
                config.getDuration(TopicsConfig.TIMEOUT), config.passThrough(ConfigDefinition.KAFKA_ADMIN));
    }

    public TopicsSettings withReplicationFactor(int newReplicationFactor) {
        return new TopicsSettings(platform, newReplicationFactor, minInsyncReplicas, registerSchemas, timeout,
                adminOverrides);
    }

    public TopicsSettings withMinInsyncReplicas(int newMinInsyncReplicas) {
        return new TopicsSettings(platform, replicationFactor, newMinInsyncReplicas, registerSchemas, timeout,
                adminOverrides);
    }

    public TopicsSettings withoutSchemas() {
        return new TopicsSettings(platform, replicationFactor, minInsyncReplicas, false, timeout, adminOverrides);
    }

    /** The catalog bound to the configured registry (not contacted until schemas are registered). */
    public TopicCatalog catalog() {
        return TopicCatalog.create(new SerdeSettings(platform.schemaRegistryUrl(), false), (short) replicationFactor);
    }

    public List<TopicSpec<?, ?>> plan() {
        return TopicPlan.of(catalog(), minInsyncReplicas);
    }

    public Map<String, Object> adminProperties() {
        Map<String, Object> properties = new HashMap<>(adminOverrides);
        properties.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, platform.bootstrapServers());
        return properties;
    }
}
