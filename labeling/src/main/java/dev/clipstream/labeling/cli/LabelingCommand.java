package dev.clipstream.labeling.cli;

import dev.clipstream.labeling.app.LabelingApp;
import dev.clipstream.labeling.app.LabelingRuntime;
import dev.clipstream.labeling.campaign.CampaignAdmin;
import dev.clipstream.labeling.campaign.SeedCampaigns;
import dev.clipstream.labeling.config.LabelingConfig;
import dev.clipstream.labeling.config.LabelingSettings;
import dev.clipstream.labeling.label.SimulatedLabeler;
import dev.clipstream.runtime.config.ConfigDefinition;
import dev.clipstream.runtime.config.ConfigLoader;
import dev.clipstream.runtime.config.EffectiveConfig;
import dev.clipstream.runtime.config.PlatformSettings;
import dev.clipstream.runtime.management.ManagementSettings;
import dev.clipstream.schemas.topic.TopicCatalog;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.streams.KafkaStreams;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code clipstream labeling --config FILE}: runs the labeling app until Ctrl-C (or until Streams fails). */
@Command(
        name = "labeling",
        header = "Run the labeling app: filter, label and batch clips, exactly once.",
        mixinStandardHelpOptions = true,
        description = {
                "Run the labeling app: filter clips.uploaded, label the clips, match them to campaigns and group "
                        + "them into training batches, exactly once.",
                "Configuration: defaults, then --config FILE, then CLIPSTREAM_* variables (docs/labeling.md lists "
                        + "every key). Run more instances with the same labeling.application.id to scale out."},
        footerHeading = "%nExample:%n",
        footer = {"  export CLIPSTREAM_KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:9092",
                "  export CLIPSTREAM_SCHEMA_REGISTRY_URL=http://127.0.0.1:8081/apis/ccompat/v7",
                "  clipstream labeling --seed-campaigns"})
public final class LabelingCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE", description = "Properties file overriding the defaults.")
    Path configFile;

    @Option(names = "--seed-campaigns", description = "Publish the three demo campaigns before starting.")
    boolean seedCampaigns;

    /** The environment configuration comes from; tests replace it. */
    Map<String, String> environment = System.getenv();

    @Override
    public Integer call() throws InterruptedException {
        ConfigDefinition definition = LabelingConfig.definition();
        EffectiveConfig config = new ConfigLoader(definition, environment)
                .load(LabelingConfig.DEFAULTS_RESOURCE, configFile);
        config.logEffectiveConfig(LabelingConfig.SERVICE_NAME);
        LabelingSettings settings = LabelingConfig.settings(config);
        PlatformSettings platform = PlatformSettings.from(config);
        TopicCatalog topics = PlatformOptions.catalog(platform);
        LabelingRuntime runtime = new LabelingRuntime(platform.bootstrapServers(),
                config.getString(LabelingConfig.APPLICATION_ID),
                ManagementSettings.from(config, LabelingConfig.SERVICE_NAME),
                config.passThrough(ConfigDefinition.KAFKA_STREAMS),
                config.getBoolean(LabelingConfig.CREATE_TOPICS),
                config.getDuration(LabelingConfig.SHUTDOWN_TIMEOUT));

        PrintWriter out = spec.commandLine().getOut();
        LabelingApp app = LabelingApp.start(settings, topics, runtime, new SimulatedLabeler());
        Thread stopOnSignal = new Thread(app::close, "clipstream-labeling-stop");
        Runtime.getRuntime().addShutdownHook(stopOnSignal);
        if (seedCampaigns) {
            new CampaignAdmin(topics, platform.bootstrapServers()).publish(SeedCampaigns.all(Instant.now()));
            out.println("Published the demo campaigns.");
        }
        out.println("Labeling running; management endpoint " + app.managementUri() + " (Ctrl-C to stop)");
        out.flush();
        try {
            KafkaStreams.State end = app.stopped().get();
            try {
                Runtime.getRuntime().removeShutdownHook(stopOnSignal);
            } catch (IllegalStateException shuttingDown) {
                // Ctrl-C: the hook is closing the app already.
                return CommandLine.ExitCode.OK;
            }
            app.close();
            if (end == KafkaStreams.State.ERROR) {
                throw new IllegalStateException("Kafka Streams stopped with an error; see the log above");
            }
            return CommandLine.ExitCode.OK;
        } catch (ExecutionException e) {
            throw new IllegalStateException("Labeling stopped: " + e.getCause().getMessage(), e.getCause());
        }
    }
}
