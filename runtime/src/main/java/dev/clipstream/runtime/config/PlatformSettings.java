package dev.clipstream.runtime.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Where a service finds Kafka and the schema registry: the keys every Kafka-using service declares, so that all
 * of them are configured alike ({@code CLIPSTREAM_KAFKA_BOOTSTRAP_SERVERS}, {@code CLIPSTREAM_SCHEMA_REGISTRY_URL},
 * as {@code clipstream devstack} prints them).
 *
 * @param bootstrapServers      Kafka bootstrap servers, {@code host:port[,host:port...]}
 * @param schemaRegistryUrl     base URL of a Confluent-compatible schema registry API
 * @param autoRegisterSchemas   whether serializers may register schemas on first use; off by default, as in
 *                              production, where schemas are registered deliberately before services start
 */
public record PlatformSettings(String bootstrapServers, String schemaRegistryUrl, boolean autoRegisterSchemas) {

    public static final String BOOTSTRAP_SERVERS = "kafka.bootstrap.servers";
    public static final String SCHEMA_REGISTRY_URL = "schema.registry.url";
    public static final String AUTO_REGISTER_SCHEMAS = "schema.registry.auto.register";

    public PlatformSettings {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(schemaRegistryUrl, "schemaRegistryUrl");
    }

    /** These keys and {@link KafkaClientSecurity#configKeys()}: how every Kafka client of the service logs in. */
    public static List<ConfigKey> configKeys() {
        List<ConfigKey> keys = new ArrayList<>(List.of(
                ConfigKey.required(BOOTSTRAP_SERVERS, ConfigType.STRING,
                                "Kafka bootstrap servers, host:port[,host:port...]")
                        .validatedBy(ConfigValidator.notBlank()),
                ConfigKey.required(SCHEMA_REGISTRY_URL, ConfigType.STRING,
                                "Base URL of the Confluent-compatible schema registry API, e.g. http://host:8081 "
                                        + "or http://host:port/apis/ccompat/v7")
                        .validatedBy(ConfigValidator.notBlank()),
                ConfigKey.of(AUTO_REGISTER_SCHEMAS, ConfigType.BOOLEAN, "false",
                        "Let serializers register schemas on first use. Off in production: register schemas "
                                + "deliberately (clipstream devstack does it at start)")));
        keys.addAll(KafkaClientSecurity.configKeys());
        return List.copyOf(keys);
    }

    public static PlatformSettings from(EffectiveConfig config) {
        return new PlatformSettings(config.getString(BOOTSTRAP_SERVERS), config.getString(SCHEMA_REGISTRY_URL),
                config.getBoolean(AUTO_REGISTER_SCHEMAS));
    }
}
