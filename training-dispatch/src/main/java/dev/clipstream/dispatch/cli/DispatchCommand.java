package dev.clipstream.dispatch.cli;

import dev.clipstream.backends.api.HttpTrainingBackendClient;
import dev.clipstream.backends.api.TrainingBackendClient;
import dev.clipstream.dispatch.app.DispatchConfig;
import dev.clipstream.dispatch.app.DispatchSettings;
import dev.clipstream.dispatch.app.DispatcherApp;
import dev.clipstream.runtime.config.ConfigException;
import dev.clipstream.runtime.config.ConfigLoader;
import dev.clipstream.runtime.config.EffectiveConfig;
import dev.clipstream.runtime.config.PlatformSettings;
import dev.clipstream.schemas.serde.SerdeSettings;
import dev.clipstream.schemas.topic.TopicCatalog;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code clipstream dispatch --config FILE}: places training batches on the configured backends until Ctrl-C. */
@Command(
        name = "dispatch",
        header = "Place training batches on the Dojo or Nvidia backends; record every decision.",
        mixinStandardHelpOptions = true,
        description = {
                "Place training batches from training.batches on training backends (e.g. simulated Dojo and Nvidia) "
                        + "by the configured policy, and record every decision on dispatch.events, until Ctrl-C.",
                "Configuration: defaults, then --config FILE, then CLIPSTREAM_* environment variables "
                        + "(see docs/training-dispatch.md for every key).",
                "Ctrl-C stops gracefully: no new placements; submits in flight are answered and recorded."},
        footerHeading = "%nExample:%n",
        footer = {
                "  # dispatch.properties:",
                "  #   kafka.bootstrap.servers=127.0.0.1:9092",
                "  #   schema.registry.url=http://127.0.0.1:8081/apis/ccompat/v7",
                "  #   dispatch.backends=dojo=http://127.0.0.1:8091,nvidia=http://127.0.0.1:8092",
                "  #   dispatch.policy.order=dojo,nvidia",
                "  clipstream dispatch --config dispatch.properties"})
public final class DispatchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE", description = "Properties file with the dispatcher's settings.")
    Path config;

    /** The environment the configuration reads; tests replace it. */
    Map<String, String> environment = System.getenv();

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        EffectiveConfig effective;
        DispatchSettings settings;
        Map<String, URI> backendUrls;
        try {
            effective = new ConfigLoader(DispatchConfig.definition(), environment)
                    .load(DispatchConfig.DEFAULTS_RESOURCE, config);
            settings = DispatchConfig.settings(effective);
            backendUrls = DispatchConfig.backends(effective);
        } catch (ConfigException e) {
            err.println("Invalid configuration of clipstream dispatch: " + e.getMessage());
            err.flush();
            return CommandLine.ExitCode.USAGE;
        }
        effective.logEffectiveConfig(DispatchSettings.SERVICE_NAME);
        PlatformSettings platform = PlatformSettings.from(effective);
        TopicCatalog catalog = TopicCatalog.create(new SerdeSettings(platform.schemaRegistryUrl(),
                platform.autoRegisterSchemas()));
        Map<String, TrainingBackendClient> clients = new LinkedHashMap<>();
        backendUrls.forEach((name, url) -> clients.put(name,
                new HttpTrainingBackendClient(name, url, effective.getDuration(DispatchConfig.CALL_TIMEOUT))));

        DispatcherApp app;
        try {
            app = DispatcherApp.start(settings, catalog, platform.bootstrapServers(), clients);
        } catch (RuntimeException e) {
            clients.values().forEach(TrainingBackendClient::close);
            err.println("clipstream dispatch failed to start: " + e.getMessage());
            err.flush();
            return CommandLine.ExitCode.SOFTWARE;
        }
        Thread stopOnSignal = new Thread(app::close, "clipstream-dispatch-stop");
        Runtime.getRuntime().addShutdownHook(stopOnSignal);
        out.println("Dispatcher running: backends " + backendUrls + ", management " + app.managementUri()
                + " (/healthz, /readyz, /metrics). Ctrl-C stops it.");
        out.flush();
        boolean failed = app.awaitTermination();
        if (failed) {
            try {
                Runtime.getRuntime().removeShutdownHook(stopOnSignal);
            } catch (IllegalStateException shuttingDown) {
                return CommandLine.ExitCode.SOFTWARE;
            }
            app.close();
            err.println("The dispatcher stopped after a failure; see the log. Restart it: it rebuilds its state from "
                    + settings.eventsTopic() + ".");
            err.flush();
            return CommandLine.ExitCode.SOFTWARE;
        }
        return CommandLine.ExitCode.OK;
    }
}
