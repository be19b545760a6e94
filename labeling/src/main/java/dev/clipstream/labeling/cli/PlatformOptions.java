package dev.clipstream.labeling.cli;

import dev.clipstream.runtime.config.ConfigDefinition;
import dev.clipstream.runtime.config.ConfigLoader;
import dev.clipstream.runtime.config.EffectiveConfig;
import dev.clipstream.runtime.config.PlatformSettings;
import dev.clipstream.schemas.serde.SerdeSettings;
import dev.clipstream.schemas.topic.TopicCatalog;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * Where Kafka and the registry are, for the campaign commands: {@code --config FILE} and {@code CLIPSTREAM_*}
 * variables through runtime's ConfigLoader, with the two flags on top.
 */
public final class PlatformOptions {

    @Option(names = "--config", paramLabel = "FILE",
            description = "Properties file with kafka.bootstrap.servers and schema.registry.url.")
    Path configFile;

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT[,...]",
            description = "Kafka bootstrap servers (overrides the config file and CLIPSTREAM_KAFKA_BOOTSTRAP_SERVERS).")
    String bootstrapServers;

    @Option(names = "--schema-registry-url", paramLabel = "URL",
            description = "Schema registry URL (overrides the config file and CLIPSTREAM_SCHEMA_REGISTRY_URL).")
    String schemaRegistryUrl;

    PlatformSettings resolve(Map<String, String> environment) {
        ConfigDefinition definition = ConfigDefinition.builder().defineAll(PlatformSettings.configKeys())
                .ignoreVariable("CLIPSTREAM_HOME").build();
        Map<String, String> env = new java.util.HashMap<>();
        // Only the platform keys matter here; other services' variables in the same shell are not errors.
        environment.forEach((name, value) -> {
            if (name.equals("CLIPSTREAM_KAFKA_BOOTSTRAP_SERVERS") || name.equals("CLIPSTREAM_SCHEMA_REGISTRY_URL")
                    || name.equals("CLIPSTREAM_SCHEMA_REGISTRY_AUTO_REGISTER")) {
                env.put(name, value);
            }
        });
        if (bootstrapServers != null) {
            env.put("CLIPSTREAM_KAFKA_BOOTSTRAP_SERVERS", bootstrapServers);
        }
        if (schemaRegistryUrl != null) {
            env.put("CLIPSTREAM_SCHEMA_REGISTRY_URL", schemaRegistryUrl);
        }
        EffectiveConfig config = new ConfigLoader(definition, env).load(null, configFile);
        return PlatformSettings.from(config);
    }

    static TopicCatalog catalog(PlatformSettings platform) {
        return TopicCatalog.create(new SerdeSettings(platform.schemaRegistryUrl(), platform.autoRegisterSchemas()));
    }
}
