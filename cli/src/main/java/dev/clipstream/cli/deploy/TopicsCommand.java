package dev.clipstream.cli.deploy;

import dev.clipstream.runtime.config.ConfigException;
import dev.clipstream.runtime.config.EffectiveConfig;
import dev.clipstream.schemas.topic.TopicBootstrap;
import dev.clipstream.schemas.topic.TopicSpec;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.admin.Admin;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code clipstream topics}: the topic catalog on a real cluster. */
@Command(
        name = "topics",
        mixinStandardHelpOptions = true,
        description = "Create the catalog's topics on a Kafka cluster and register their schemas (deployment init step).",
        synopsisSubcommandLabel = "COMMAND",
        subcommands = {TopicsCommand.Create.class, CommandLine.HelpCommand.class})
public final class TopicsCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return CommandLine.ExitCode.USAGE;
    }

    /** {@code clipstream topics create}: idempotent; safe to run on every deployment. */
    @Command(
            name = "create",
            mixinStandardHelpOptions = true,
            description = {
                    "Create every topic of the catalog that is missing (existing ones are verified: fewer partitions, "
                            + "a lower replication factor or another cleanup.policy is an error) and register the "
                            + "Avro schemas. Running it again changes nothing.",
                    "Configuration: --config FILE, then CLIPSTREAM_* variables (CLIPSTREAM_TOPICS_REPLICATION_FACTOR "
                            + "sets topics.replication.factor; keys in docs/configuration.md), then these options."},
            footerHeading = "%nExamples:%n",
            footer = {
                    "  # What a 3-broker cluster would get, without connecting:",
                    "  CLIPSTREAM_KAFKA_BOOTSTRAP_SERVERS=kafka-1:19092 CLIPSTREAM_SCHEMA_REGISTRY_URL=http://sr:8081 \\",
                    "      clipstream topics create --replication-factor 3 --min-insync-replicas 2 --dry-run",
                    "  # The init step of docker/compose.yaml sets the same through the environment:",
                    "  clipstream topics create"})
    public static final class Create implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Option(names = "--config", paramLabel = "FILE", description = "Properties file with the topics.* and "
                + "platform keys.")
        Path configFile;

        @Option(names = "--replication-factor", paramLabel = "N",
                description = "Replication factor of every topic (overrides topics.replication.factor, default 1).")
        Integer replicationFactor;

        @Option(names = "--min-insync-replicas", paramLabel = "N",
                description = "min.insync.replicas of every topic (overrides topics.min.insync.replicas; default: 2 "
                        + "when the replication factor is 3 or more).")
        Integer minInsyncReplicas;

        @Option(names = "--no-schemas", description = "Do not register the schemas.")
        boolean noSchemas;

        @Option(names = "--dry-run", description = "Print the topics that would be ensured and exit; connects to "
                + "nothing.")
        boolean dryRun;

        /** The environment the configuration reads; tests replace it. */
        Map<String, String> environment = System.getenv();

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            TopicsSettings settings = settings();
            List<TopicSpec<?, ?>> plan = settings.plan();
            out.print(TopicPlan.describe(plan));
            if (dryRun) {
                out.println("Dry run: nothing was created.");
                out.flush();
                return CommandLine.ExitCode.OK;
            }
            out.flush();
            TopicBootstrap.Result result;
            try (Admin admin = Admin.create(settings.adminProperties())) {
                result = new TopicBootstrap(admin, settings.timeout()).ensureTopics(plan);
            }
            int schemas = settings.registerSchemas()
                    ? TopicBootstrap.registerSchemas(plan, settings.catalog().registry()).size() : 0;
            out.printf("Topics ready: %d created %s, %d already present; %d schemas registered.%n",
                    result.created().size(), result.created(), result.alreadyPresent().size(), schemas);
            out.flush();
            return CommandLine.ExitCode.OK;
        }

        /** Config layers, then options; any problem is a usage error naming it. */
        TopicsSettings settings() {
            try {
                EffectiveConfig config = ServiceConfig.byName("topics").orElseThrow()
                        .load(ServiceConfig.ONLY_VARIANT, environment, configFile);
                config.logEffectiveConfig("topics");
                TopicsSettings settings = TopicsSettings.from(config);
                if (replicationFactor != null) {
                    settings = settings.withReplicationFactor(replicationFactor);
                }
                if (minInsyncReplicas != null) {
                    settings = settings.withMinInsyncReplicas(minInsyncReplicas);
                }
                return noSchemas ? settings.withoutSchemas() : settings;
            } catch (ConfigException | IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), "Invalid topics configuration: "
                        + e.getMessage());
            }
        }
    }
}
