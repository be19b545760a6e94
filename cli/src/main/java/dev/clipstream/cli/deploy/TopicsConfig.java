package dev.clipstream.cli.deploy;

import dev.clipstream.runtime.config.ConfigDefinition;
import dev.clipstream.runtime.config.ConfigKey;
import dev.clipstream.runtime.config.ConfigType;
import dev.clipstream.runtime.config.ConfigValidator;
import dev.clipstream.runtime.config.PlatformSettings;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * The keys of {@code clipstream topics create}: where Kafka and the registry are, and how durable the topics are.
 * Read like every service's configuration (runtime's ConfigLoader), so the init step of docker/compose.yaml is
 * configured with {@code CLIPSTREAM_TOPICS_*} variables that the static compose test can check.
 */
public final class TopicsConfig {

    public static final String REPLICATION_FACTOR = "topics.replication.factor";
    public static final String MIN_INSYNC_REPLICAS = "topics.min.insync.replicas";
    public static final String REGISTER_SCHEMAS = "topics.register.schemas";
    public static final String TIMEOUT = "topics.timeout";

    private TopicsConfig() {
    }

    public static ConfigDefinition definition() {
        return ConfigDefinition.builder()
                .defineAll(PlatformSettings.configKeys())
                .define(ConfigKey.of(REPLICATION_FACTOR, ConfigType.INT, "1",
                                "Replication factor of every catalog topic; 3 on a production cluster")
                        .validatedBy(ConfigValidator.between(1, Short.MAX_VALUE)))
                .define(ConfigKey.of(MIN_INSYNC_REPLICAS, ConfigType.INT, "0",
                                "min.insync.replicas of every catalog topic; 0 = the catalog's choice (2 when the "
                                        + "replication factor is 3 or more, else the broker default)")
                        .validatedBy(ConfigValidator.between(0, Short.MAX_VALUE)))
                .define(ConfigKey.of(REGISTER_SCHEMAS, ConfigType.BOOLEAN, "true",
                        "Register every topic's Avro key and value schemas with the registry"))
                .define(ConfigKey.of(TIMEOUT, ConfigType.DURATION, "60s",
                        "How long each admin step (list, create, verify) may take"))
                .passThrough(ConfigDefinition.KAFKA_ADMIN, AdminClientConfig.configNames())
                .build();
    }
}
