package dev.clipstream.replay.cli;

import dev.clipstream.replay.ReplaySettings;
import dev.clipstream.runtime.config.EnvironmentNames;
import dev.clipstream.runtime.config.PlatformSettings;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** Where Kafka and the registry are, and the topics replay works on; shared by `replay` and `replay list`. */
public final class ConnectionOptions {

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT",
            description = "Kafka bootstrap servers (default: env CLIPSTREAM_KAFKA_BOOTSTRAP_SERVERS).")
    String bootstrapServers;

    @Option(names = "--schema-registry-url", paramLabel = "URL",
            description = "Schema registry URL (default: env CLIPSTREAM_SCHEMA_REGISTRY_URL).")
    String schemaRegistryUrl;

    @Option(names = "--config", paramLabel = "FILE",
            description = "Properties file with replay.* and platform keys (see docs/replay.md).")
    Path configFile;

    @Option(names = "--batches-topic", paramLabel = "TOPIC", defaultValue = "training.batches",
            description = "Topic of the training batches (default: ${DEFAULT-VALUE}).")
    String batchesTopic;

    @Option(names = "--datasets-topic", paramLabel = "TOPIC", defaultValue = "datasets",
            description = "Compacted topic of the dataset manifests (default: ${DEFAULT-VALUE}).")
    String datasetsTopic;

    /** Loads the settings with these options (and {@code overrides}: key -> value) winning over everything. */
    ReplaySettings load(Map<String, String> environment, Map<String, String> overrides) {
        Map<String, String> layered = new HashMap<>(environment);
        if (bootstrapServers != null) {
            layered.put(EnvironmentNames.toVariable(PlatformSettings.BOOTSTRAP_SERVERS), bootstrapServers);
        }
        if (schemaRegistryUrl != null) {
            layered.put(EnvironmentNames.toVariable(PlatformSettings.SCHEMA_REGISTRY_URL), schemaRegistryUrl);
        }
        overrides.forEach((key, value) -> layered.put(EnvironmentNames.toVariable(key), value));
        return ReplaySettings.load(configFile, layered);
    }
}
