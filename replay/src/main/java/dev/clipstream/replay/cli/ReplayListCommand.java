package dev.clipstream.replay.cli;

import dev.clipstream.replay.ReplayClients;
import dev.clipstream.replay.ReplaySettings;
import dev.clipstream.replay.ReplayTopics;
import dev.clipstream.replay.manifest.ManifestStore;
import dev.clipstream.runtime.config.ConfigException;
import dev.clipstream.schemas.serde.SerdeSettings;
import dev.clipstream.schemas.topic.TopicCatalog;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code clipstream replay list}: every stored dataset manifest, one line each. */
@Command(name = "list", mixinStandardHelpOptions = true,
        description = "List the dataset manifests on the datasets topic (every version of every dataset).")
public final class ReplayListCommand implements Callable<Integer> {

    @Spec
    CommandLine.Model.CommandSpec spec;

    @ParentCommand
    ReplayCommand parent;

    @Mixin
    ConnectionOptions connection;

    @Override
    public Integer call() {
        ReplaySettings settings;
        try {
            settings = connection.load(parent.environment(), Map.of());
        } catch (IllegalArgumentException | ConfigException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        ReplayTopics topics = ReplayTopics.of(TopicCatalog.create(new SerdeSettings(
                        settings.platform().schemaRegistryUrl(), settings.platform().autoRegisterSchemas())),
                connection.batchesTopic, connection.datasetsTopic);
        ManifestStore store = new ManifestStore(new ReplayClients(settings.platform().bootstrapServers(),
                settings.kafkaLogin(), settings.kafkaLogin()), topics);
        ReplayOutput.list(spec.commandLine().getOut(), store.all());
        return CommandLine.ExitCode.OK;
    }
}
