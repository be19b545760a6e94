package dev.clipstream.lag.cli;

import dev.clipstream.lag.monitor.LagSettings;
import dev.clipstream.runtime.config.ConfigException;
import dev.clipstream.runtime.config.EffectiveConfig;
import dev.clipstream.runtime.config.PlatformSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** Where to connect and which groups to watch; shared by {@code clipstream lag} and {@code clipstream lag serve}. */
public final class LagOptions {

    @Option(names = {"--bootstrap-server", "-b"}, paramLabel = "HOST:PORT",
            description = "Kafka bootstrap servers. Default: kafka.bootstrap.servers from --config or "
                    + "CLIPSTREAM_KAFKA_BOOTSTRAP_SERVERS.")
    String bootstrapServer;

    @Option(names = "--schema-registry-url", paramLabel = "URL",
            description = "Schema registry (for lag in clips and seconds/bytes of video). Default: "
                    + "schema.registry.url / CLIPSTREAM_SCHEMA_REGISTRY_URL; without one, records and time only.")
    String schemaRegistryUrl;

    @Option(names = "--config", paramLabel = "FILE",
            description = "Properties file (lag.*, kafka.bootstrap.servers, kafka.admin.* client settings).")
    Path configFile;

    @Option(names = {"--group", "-g"}, paramLabel = "GROUP",
            description = "A consumer group to watch; repeatable. The pipeline's groups (clipstream-labeling, "
                    + "clipstream-dispatch) are always watched unless --no-pipeline-groups.")
    List<String> groups = new ArrayList<>();

    @Option(names = "--all-groups", description = "Also watch every consumer and streams group of the cluster.")
    boolean allGroups;

    @Option(names = "--no-pipeline-groups", description = "Do not watch the pipeline's own groups.")
    boolean noPipelineGroups;

    @Option(names = "--max-scan", paramLabel = "N",
            description = "Unconsumed records decoded per group and partition for pipeline units; beyond it "
                    + "units are an estimate (~). Default: lag.units.max-records-scanned (1000).")
    Integer maxScan;

    /** Config layers, then options; a bad value becomes a usage error naming it. */
    Resolved resolve(CommandSpec spec) {
        if (configFile != null && !Files.isRegularFile(configFile)) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "Config file not found: " + configFile.toAbsolutePath());
        }
        EffectiveConfig config;
        try {
            config = LagConfig.load(configFile);
        } catch (ConfigException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        String bootstrap = bootstrapServer != null ? bootstrapServer
                : config.getString(PlatformSettings.BOOTSTRAP_SERVERS);
        if (bootstrap == null || bootstrap.isBlank()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "No Kafka to watch: give "
                    + "--bootstrap-server HOST:PORT, or set kafka.bootstrap.servers in --config or "
                    + "CLIPSTREAM_KAFKA_BOOTSTRAP_SERVERS.");
        }
        String registry = schemaRegistryUrl != null ? schemaRegistryUrl
                : config.getString(PlatformSettings.SCHEMA_REGISTRY_URL);
        LagSettings settings;
        try {
            settings = LagSettings.from(config);
            List<String> watched = new ArrayList<>(settings.groups());
            groups.stream().filter(g -> !watched.contains(g)).forEach(watched::add);
            for (String group : watched) {
                if (group.isBlank()) {
                    throw new IllegalArgumentException("A --group name is empty");
                }
            }
            settings = settings.withGroups(watched).withAllGroups(settings.allGroups() || allGroups)
                    .withPipelineGroups(settings.pipelineGroups() && !noPipelineGroups);
            if (maxScan != null) {
                settings = settings.withMaxScanRecords(maxScan);
            }
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "Invalid lag settings: " + e.getMessage());
        }
        return new Resolved(config, bootstrap, registry, settings);
    }

    record Resolved(EffectiveConfig config, String bootstrapServers, String registryUrl, LagSettings settings) {
    }
}
