package dev.clipstream.backends.cli;

import dev.clipstream.backends.api.BackendKindName;
import dev.clipstream.backends.config.BackendConfig;
import dev.clipstream.backends.sim.SimulatedBackendServer;
import dev.clipstream.backends.sim.SimulatedBackendSettings;
import dev.clipstream.backends.status.BackendStatusPublisher;
import dev.clipstream.schemas.avro.BackendStatus;
import dev.clipstream.schemas.serde.SerdeSettings;
import dev.clipstream.schemas.topic.TopicCatalog;
import dev.clipstream.schemas.topic.TopicSpec;
import dev.clipstream.runtime.config.EffectiveConfig;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code clipstream backend --kind dojo|nvidia [--config FILE]}: one simulated training backend until Ctrl-C. */
@Command(
        name = "backend",
        mixinStandardHelpOptions = true,
        description = {
                "Run a simulated training backend (Dojo or Nvidia) behind the job API v1 until Ctrl-C.",
                "Configuration: the kind's defaults, then --config FILE, then CLIPSTREAM_BACKEND_* environment "
                        + "variables (keys and defaults: docs/training-backends.md)."},
        footerHeading = "%nExamples:%n",
        footer = {
                "  clipstream backend --kind dojo                 # http://127.0.0.1:8091",
                "  clipstream backend --kind nvidia --config nvidia.properties",
                "  CLIPSTREAM_BACKEND_TIME_SCALE=600 clipstream backend --kind dojo"})
public final class BackendCommand implements Callable<Integer> {

    /** The accepted --kind values. */
    enum Kind { dojo, nvidia }

    @Spec
    CommandSpec spec;

    @Option(names = "--kind", required = true, paramLabel = "KIND",
            description = "dojo or nvidia: which backend to simulate (and which defaults to start from).")
    Kind kind;

    @Option(names = "--config", paramLabel = "FILE", description = "Properties file with backend.* keys.")
    Path configFile;

    private final Map<String, String> environment;
    private final CountDownLatch stop = new CountDownLatch(1);
    private volatile SimulatedBackendServer server;

    public BackendCommand() {
        this(System.getenv());
    }

    BackendCommand(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    @Override
    public Integer call() throws InterruptedException {
        BackendKindName kindName = BackendKindName.valueOf(kind.name().toUpperCase(Locale.ROOT));
        EffectiveConfig config = BackendConfig.load(kindName, configFile, environment);
        config.logEffectiveConfig("backend-" + kind);
        SimulatedBackendSettings settings = BackendConfig.settings(kindName, config);

        Optional<BackendConfig.StatusPublishing> publishing = BackendConfig.statusPublishing(config);

        PrintWriter out = spec.commandLine().getOut();
        SimulatedBackendServer started = SimulatedBackendServer.start(settings);
        BackendStatusPublisher publisher;
        try {
            publisher = publishing.map(p -> startPublisher(started, p)).orElse(null);
        } catch (RuntimeException e) {
            started.close();
            throw e;
        }
        server = started;
        Runnable closeAll = () -> {
            if (publisher != null) {
                publisher.close();
            }
            started.close();
        };
        Thread stopOnSignal = new Thread(() -> stopAndExit(closeAll, out), "clipstream-backend-stop");
        Runtime.getRuntime().addShutdownHook(stopOnSignal);
        out.printf("Simulated %s backend '%s' is running: %s (%d %s, %d per job, time scale %s).%n", kind,
                settings.name(), started.baseUri(), settings.capacityUnits(), settings.unitName(),
                settings.unitsPerJob(), settings.timeScale());
        out.println("  Job API:  " + started.baseUri() + "/v1/jobs, /v1/status, /v1/faults/...");
        out.println("  Health:   " + started.baseUri() + "/healthz, /readyz, /metrics");
        publishing.ifPresent(p -> out.println("  Status:   published to topic " + p.topic() + " on "
                + p.bootstrapServers()));
        out.println("Press Ctrl-C to stop.");
        out.flush();

        stop.await();
        try {
            Runtime.getRuntime().removeShutdownHook(stopOnSignal);
        } catch (IllegalStateException shuttingDown) {
            new CountDownLatch(1).await(); // the hook is stopping the server and will end the JVM
        }
        closeAll.run();
        return CommandLine.ExitCode.OK;
    }

    private static BackendStatusPublisher startPublisher(SimulatedBackendServer server,
                                                         BackendConfig.StatusPublishing publishing) {
        TopicCatalog catalog = TopicCatalog.create(new SerdeSettings(publishing.schemaRegistryUrl(),
                publishing.autoRegister()));
        TopicSpec<String, BackendStatus> topic = catalog.backendStatus();
        Properties properties = new Properties();
        properties.putAll(publishing.clientSecurity());
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, publishing.bootstrapServers());
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000);
        properties.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        properties.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
        KafkaProducer<String, BackendStatus> producer = new KafkaProducer<>(properties,
                topic.keySerde().serializer(), topic.valueSerde().serializer());
        return BackendStatusPublisher.start(server.simulator(), producer, publishing.topic(), publishing.interval(),
                Duration.ofMillis(500));
    }

    /** Ends {@link #call()} as Ctrl-C would, without ending the JVM; for tests. */
    void stop() {
        stop.countDown();
    }

    /** The running server, once started; for tests. */
    SimulatedBackendServer server() {
        return server;
    }

    /** Ctrl-C is the normal way to end this command, so it exits 0 (not 130) once the server is closed. */
    private static void stopAndExit(Runnable closeAll, PrintWriter out) {
        closeAll.run();
        out.println("Simulated backend stopped. Bye.");
        out.flush();
        Runtime.getRuntime().halt(CommandLine.ExitCode.OK);
    }
}
