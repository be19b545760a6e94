package dev.clipstream.cli.deploy;

import dev.clipstream.runtime.config.ConfigDefinition;
import dev.clipstream.runtime.config.ConfigException;
import dev.clipstream.runtime.config.ConfigKey;
import dev.clipstream.runtime.config.EffectiveConfig;
import dev.clipstream.runtime.config.EnvironmentNames;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code clipstream config}: what each program can be configured with, and what a configuration resolves to. */
@Command(
        name = "config",
        mixinStandardHelpOptions = true,
        description = "List the configuration keys of each service, or check a configuration as the service would "
                + "load it.",
        synopsisSubcommandLabel = "COMMAND",
        subcommands = {ConfigCommand.Keys.class, ConfigCommand.Check.class, CommandLine.HelpCommand.class})
public final class ConfigCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return CommandLine.ExitCode.USAGE;
    }

    static ServiceConfig service(CommandSpec spec, String name) {
        return ServiceConfig.byName(name).orElseThrow(() -> new CommandLine.ParameterException(spec.commandLine(),
                "Unknown service '" + name + "'; known: " + names()));
    }

    static List<String> names() {
        return ServiceConfig.all().stream().map(ServiceConfig::name).toList();
    }

    /** {@code clipstream config keys [SERVICE...] [--markdown]}. */
    @Command(
            name = "keys",
            mixinStandardHelpOptions = true,
            description = {"List every configuration key of the given services (all without arguments): its "
                    + "environment variable, default and meaning.",
                    "--markdown prints the tables of docs/configuration.md."},
            footerHeading = "%nExamples:%n",
            footer = {"  clipstream config keys ingest", "  clipstream config keys --markdown"})
    static final class Keys implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "SERVICE", arity = "0..*",
                description = "ingest, labeling, dispatch, backend, lag, replay or topics.")
        List<String> services = new ArrayList<>();

        @Option(names = "--markdown", description = "Markdown tables instead of plain text.")
        boolean markdown;

        @Override
        public Integer call() {
            List<ServiceConfig> selected = services.isEmpty() ? ServiceConfig.all()
                    : services.stream().map(name -> service(spec, name)).toList();
            PrintWriter out = spec.commandLine().getOut();
            if (markdown) {
                out.print(ConfigTable.markdown(selected));
            } else {
                selected.forEach(service -> printPlain(service, out));
            }
            out.flush();
            return CommandLine.ExitCode.OK;
        }

        private static void printPlain(ServiceConfig service, PrintWriter out) {
            out.printf("%s (clipstream %s)%n", service.name(), service.command());
            ConfigDefinition definition = service.definition();
            for (ConfigKey key : definition.keys()) {
                List<String> defaults = service.variantNames().stream().map(variant -> service.effectiveDefault(key,
                        variant).map(value -> value.isEmpty() ? "(empty)" : value).orElse("(required)")
                        + (service.hasVariants() ? " [" + variant + "]" : "")).distinct().toList();
                out.printf("  %-40s %-50s %s%n      %s%n", key.name(), key.environmentVariable(),
                        String.join(", ", defaults), key.doc());
            }
            for (String prefix : definition.passThroughPrefixes()) {
                out.printf("  %-40s %-50s (passed to the Kafka client)%n", prefix + "*",
                        EnvironmentNames.toVariable(prefix) + "*");
            }
            out.println();
        }
    }

    /** {@code clipstream config check SERVICE [--kind KIND] [--config FILE]}. */
    @Command(
            name = "check",
            mixinStandardHelpOptions = true,
            description = {"Load a service's configuration exactly as the service does (its defaults, --config FILE, "
                    + "then CLIPSTREAM_* variables) and print the effective configuration, secrets masked; or every "
                    + "problem found, with exit code 2. Starts nothing."},
            footerHeading = "%nExample:%n",
            footer = {"  CLIPSTREAM_KAFKA_BOOTSTRAP_SERVERS=kafka:9092 clipstream config check ingest --config ingest.properties"})
    static final class Check implements Callable<Integer> {

        @Spec
        CommandSpec spec;

        @Parameters(index = "0", paramLabel = "SERVICE",
                description = "ingest, labeling, dispatch, backend, lag, replay or topics.")
        String service;

        @Option(names = "--kind", paramLabel = "KIND", description = "For backend: dojo or nvidia (default dojo).")
        String kind;

        @Option(names = "--config", paramLabel = "FILE", description = "The properties file the service would get.")
        Path configFile;

        /** The environment the configuration reads; tests replace it. */
        Map<String, String> environment = System.getenv();

        @Override
        public Integer call() {
            ServiceConfig config = service(spec, service);
            String variant = config.hasVariants() ? (kind == null ? config.variantNames().get(0) : kind)
                    : ServiceConfig.ONLY_VARIANT;
            if (!config.variantNames().contains(variant)) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--kind must be one of "
                        + config.variantNames() + " for " + service + ", was '" + kind + "'");
            }
            if (!config.hasVariants() && kind != null) {
                throw new CommandLine.ParameterException(spec.commandLine(), service + " has no --kind");
            }
            EffectiveConfig effective;
            try {
                effective = config.load(variant, environment, configFile);
            } catch (ConfigException e) {
                PrintWriter err = spec.commandLine().getErr();
                err.println("Invalid configuration of " + service + ": " + e.getMessage());
                err.flush();
                return CommandLine.ExitCode.USAGE;
            }
            PrintWriter out = spec.commandLine().getOut();
            out.println(effective.toTable());
            out.flush();
            return CommandLine.ExitCode.OK;
        }
    }
}
