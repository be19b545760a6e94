package dev.clipstream.lag.cli;

import dev.clipstream.lag.compute.PipelineUnits;
import dev.clipstream.lag.monitor.LagSettings;
import dev.clipstream.runtime.config.ConfigDefinition;
import dev.clipstream.runtime.config.ConfigKey;
import dev.clipstream.runtime.config.ConfigLoader;
import dev.clipstream.runtime.config.ConfigType;
import dev.clipstream.runtime.config.EffectiveConfig;
import dev.clipstream.runtime.config.KafkaClientSecurity;
import dev.clipstream.runtime.config.PlatformSettings;
import dev.clipstream.runtime.management.ManagementSettings;
import dev.clipstream.schemas.serde.SerdeSettings;
import dev.clipstream.schemas.topic.TopicCatalog;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * The lag tool's configuration: the runtime's layered loader (declared defaults, /lag-defaults.properties,
 * {@code --config FILE}, {@code CLIPSTREAM_*} variables), then command-line options on top.
 */
public final class LagConfig {

    public static final String DEFAULTS = "/lag-defaults.properties";
    static final int DEFAULT_MANAGEMENT_PORT = 9084;

    private LagConfig() {
    }

    public static ConfigDefinition definition() {
        return ConfigDefinition.builder()
                // Unlike the services, bootstrap may come from --bootstrap-server, and the registry is optional:
                // without it lag is reported in records and time only.
                .define(ConfigKey.of(PlatformSettings.BOOTSTRAP_SERVERS, ConfigType.STRING, "",
                        "Kafka bootstrap servers (or --bootstrap-server)"))
                .define(ConfigKey.of(PlatformSettings.SCHEMA_REGISTRY_URL, ConfigType.STRING, "",
                        "Schema registry URL; needed for lag in clips / seconds / bytes of video"))
                // kafka.security.protocol / kafka.sasl.*: reach the Admin and the probe consumer via kafka.admin.
                .defineAll(KafkaClientSecurity.configKeys())
                .defineAll(LagSettings.configKeys())
                .defineAll(ManagementSettings.configKeys(DEFAULT_MANAGEMENT_PORT))
                .passThrough(ConfigDefinition.KAFKA_ADMIN, AdminClientConfig.configNames())
                .build();
    }

    static EffectiveConfig load(Path configFile) {
        return ConfigLoader.withSystemEnvironment(definition()).load(DEFAULTS, configFile);
    }

    /** Client settings (security etc.) for both the Admin client and the probe consumer. */
    static Map<String, Object> clientOverrides(EffectiveConfig config) {
        return new HashMap<>(config.passThrough(ConfigDefinition.KAFKA_ADMIN));
    }

    static PipelineUnits units(String registryUrl) {
        if (registryUrl == null || registryUrl.isBlank()) {
            return PipelineUnits.none();
        }
        return PipelineUnits.fromCatalog(TopicCatalog.create(new SerdeSettings(registryUrl, false)));
    }
}
