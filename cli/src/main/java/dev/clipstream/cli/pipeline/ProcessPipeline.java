package dev.clipstream.cli.pipeline;

import dev.clipstream.cli.ClipstreamCommand;
import dev.clipstream.devstack.DevStackException;
import dev.clipstream.devstack.process.Cleanup;
import dev.clipstream.devstack.process.FreePorts;
import dev.clipstream.devstack.process.WorkDirs;
import dev.clipstream.devstack.service.ProcessStats;
import dev.clipstream.devstack.service.ServiceProcess;
import dev.clipstream.devstack.service.ServiceSpec;
import dev.clipstream.fleet.auth.FleetTokens;
import dev.clipstream.labeling.campaign.CampaignAdmin;
import dev.clipstream.labeling.campaign.SeedCampaigns;
import dev.clipstream.schemas.serde.SerdeSettings;
import dev.clipstream.schemas.topic.TopicBootstrap;
import dev.clipstream.schemas.topic.TopicCatalog;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * The five services of a Clipstream pipeline (ingest, labeling, dispatch, the simulated Dojo and Nvidia
 * backends), each a child JVM running {@code clipstream <service> --config <dir>/<service>.properties} on an
 * existing Kafka and schema registry, as an operator would run them. For tests that kill -9, restart or scale a
 * service, and for measuring each service's memory and CPU apart.
 *
 * <p>Every service gets a dir {@code <workDir>/<service>} holding its config file, its logs and its data (ingest's
 * blobs, labeling's Kafka Streams state), so a {@link ServiceProcess#kill()} followed by
 * {@link ServiceProcess#restart()} finds the data exactly as the crash left it. Ports are free ports picked here,
 * management endpoints bind to 127.0.0.1. The backends run without random faults (tests inject them).
 */
public final class ProcessPipeline implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ProcessPipeline.class);
    private static final String MAIN_CLASS = ClipstreamCommand.class.getName();
    private static final String LOOPBACK = FreePorts.HOST;
    /** Small heaps and a quick-starting JIT: five JVMs (and the devstack) share two cores in CI. */
    private static final List<String> JVM_OPTIONS = List.of("-Xmx256m", "-XX:+UseSerialGC",
            "-XX:TieredStopAtLevel=1");
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(120);
    private static final int PORT_ATTEMPTS = 3;

    private final PipelineOptions options;
    private final Path workDir;
    private final boolean ownsWorkDir;
    private final Map<PipelineService, ServiceProcess> services = new ConcurrentHashMap<>();
    private final Map<PipelineService, URI> managementUris = new ConcurrentHashMap<>();
    private final List<ServiceProcess> extraLabelingInstances = Collections.synchronizedList(new ArrayList<>());
    private final Path tokensFile;
    private final Set<Integer> portsHandedOut = ConcurrentHashMap.newKeySet();
    private volatile URI ingestUri;
    private boolean closed;

    private ProcessPipeline(PipelineOptions options, Path workDir, boolean ownsWorkDir) {
        this.options = options;
        this.workDir = workDir;
        this.ownsWorkDir = ownsWorkDir;
        this.tokensFile = workDir.resolve("vehicle-tokens.properties");
    }

    /**
     * Creates missing topics and registers the schemas, writes ingest's tokens file, publishes the demo campaigns
     * when asked, then starts the backends and, once they are ready, labeling, dispatch and ingest (each waits
     * for its /readyz). Any failure stops what started and throws, with the failing service's log tail.
     */
    public static ProcessPipeline start(PipelineOptions options) {
        boolean ownsWorkDir = options.workDir() == null;
        Path workDir = WorkDirs.createFresh(options.workDir(), "clipstream-pipeline-");
        ProcessPipeline pipeline = new ProcessPipeline(options, workDir, ownsWorkDir);
        try {
            pipeline.startAll();
            return pipeline;
        } catch (RuntimeException e) {
            throw Cleanup.afterFailure(e, pipeline::close);
        }
    }

    private void startAll() {
        long startNanos = System.nanoTime();
        TopicCatalog catalog = catalog();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                options.bootstrapServers()))) {
            new TopicBootstrap(admin).ensureTopics(catalog);
        }
        TopicBootstrap.registerSchemas(catalog);
        writeTokensFile();
        if (options.seedCampaigns()) {
            new CampaignAdmin(catalog, options.bootstrapServers()).publish(SeedCampaigns.all(Instant.now()));
        }
        // Backends first (dispatch polls them), then the three Kafka services side by side: starting JVMs one
        // after another would cost their start-up times added up.
        startInParallel(List.of(PipelineService.DOJO, PipelineService.NVIDIA));
        startInParallel(List.of(PipelineService.LABELING, PipelineService.DISPATCH, PipelineService.INGEST));
        LOG.info("Process pipeline up in {} ms in {}: ingest {}, management {}",
                Duration.ofNanos(System.nanoTime() - startNanos).toMillis(), workDir, ingestUri, managementUris);
    }

    private void startInParallel(List<PipelineService> group) {
        List<CompletableFuture<Void>> starts = new ArrayList<>();
        for (PipelineService service : group) {
            starts.add(CompletableFuture.runAsync(() -> startService(service)));
        }
        try {
            CompletableFuture.allOf(starts.toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    private void startService(PipelineService service) {
        services.put(service, startWithFreshPortsOnClash(() -> switch (service) {
            case DOJO, NVIDIA -> backendSpec(service);
            case LABELING -> labelingSpec(service.displayName(), labelingConfig(serviceDir(service)));
            case DISPATCH -> dispatchSpec();
            case INGEST -> ingestSpec();
        }));
    }

    /**
     * A port picked free can be taken before the child binds it (by another process, or as the local port of an
     * outgoing connection: picked ports come from the ephemeral range). Then the child exits saying the port is in
     * use, and a new spec with new ports is tried.
     */
    private static ServiceProcess startWithFreshPortsOnClash(Supplier<ServiceSpec> specs) {
        for (int attempt = 1; ; attempt++) {
            ServiceSpec spec = specs.get();
            try {
                return ServiceProcess.start(spec);
            } catch (DevStackException e) {
                if (attempt >= PORT_ATTEMPTS || e.getMessage() == null || !e.getMessage().contains("in use")) {
                    throw e;
                }
                LOG.warn("{} could not bind a picked port (attempt {} of {}); trying new ports", spec.name(),
                        attempt, PORT_ATTEMPTS);
            }
        }
    }

    /** A free port not handed to another service of this pipeline before. */
    private int freePort() {
        while (true) {
            int port = FreePorts.pick();
            if (portsHandedOut.add(port)) {
                return port;
            }
        }
    }

    /**
     * Starts one more labeling instance with the same application.id and its own dir, state dir and management
     * port, so Kafka Streams spreads the tasks over both (scale-out); waits until it is ready. It stops with the
     * pipeline; {@link ServiceProcess#stop()} it to scale back in.
     */
    public ServiceProcess startExtraLabelingInstance() {
        String name = "labeling-" + (extraLabelingInstances.size() + 2);
        Path dir = workDir.resolve(name);
        ServiceProcess instance = startWithFreshPortsOnClash(() -> labelingSpec(name, labelingConfig(dir)));
        extraLabelingInstances.add(instance);
        return instance;
    }

    private Map<String, String> labelingConfig(Path dir) {
        Map<String, String> config = platformConfig();
        config.put("management.host", LOOPBACK);
        config.put("management.port", Integer.toString(freePort()));
        // The topics exist already; the state dir under the service dir survives a kill -9 and a restart.
        config.put("labeling.topics.create", "false");
        config.put("kafka.streams.state.dir", dir.resolve("state").toString());
        config.putAll(options.overrides(PipelineService.LABELING));
        return config;
    }

    private ServiceSpec labelingSpec(String name, Map<String, String> config) {
        Path dir = workDir.resolve(name);
        URI management = managementUri(config);
        if (name.equals(PipelineService.LABELING.displayName())) {
            managementUris.put(PipelineService.LABELING, management);
        }
        Path configFile = writeConfig(dir, "labeling", config);
        return spec(name, List.of("labeling", "--config", configFile.toString()), dir, management);
    }

    private ServiceSpec dispatchSpec() {
        PipelineService service = PipelineService.DISPATCH;
        Path dir = serviceDir(service);
        Map<String, String> config = platformConfig();
        config.put("management.host", LOOPBACK);
        config.put("management.port", Integer.toString(freePort()));
        config.put("dispatch.backends", "dojo=" + managementUris.get(PipelineService.DOJO)
                + ",nvidia=" + managementUris.get(PipelineService.NVIDIA));
        config.putAll(options.overrides(service));
        URI management = managementUri(config);
        managementUris.put(service, management);
        Path configFile = writeConfig(dir, service.displayName(), config);
        return spec(service.displayName(), List.of("dispatch", "--config", configFile.toString()), dir, management);
    }

    private ServiceSpec ingestSpec() {
        PipelineService service = PipelineService.INGEST;
        Path dir = serviceDir(service);
        int httpPort = freePort();
        Map<String, String> config = platformConfig();
        config.put("management.host", LOOPBACK);
        config.put("management.port", Integer.toString(freePort()));
        config.put("ingest.http.host", LOOPBACK);
        config.put("ingest.http.port", Integer.toString(httpPort));
        config.put("ingest.blob.dir", dir.resolve("blobs").toString());
        config.put("ingest.auth.tokens.file", tokensFile.toString());
        config.putAll(options.overrides(service));
        URI management = managementUri(config);
        managementUris.put(service, management);
        ingestUri = URI.create("http://" + LOOPBACK + ":" + config.get("ingest.http.port"));
        Path configFile = writeConfig(dir, service.displayName(), config);
        return spec(service.displayName(), List.of("ingest", "--config", configFile.toString()), dir, management);
    }

    private ServiceSpec backendSpec(PipelineService service) {
        Path dir = serviceDir(service);
        Map<String, String> config = platformConfig();
        config.put("backend.host", LOOPBACK);
        config.put("backend.port", Integer.toString(freePort()));
        config.put("backend.time.scale", Double.toString(options.backendTimeScale()));
        config.put("backend.seed", Long.toString(options.seed()));
        // No random maintenance, outages, preemptions or supply changes: a test injects the faults it means.
        config.put("backend.maintenance.period", "0s");
        config.put("backend.maintenance.length", "0s");
        config.put("backend.maintenance.offset", "0s");
        config.put("backend.outage.rate.per.day", "0");
        config.put("backend.preemption.rate.per.hour", "0");
        config.put("backend.supply.interval", "0s");
        config.put("backend.supply.step", "0");
        config.putAll(options.overrides(service));
        // The job API and /healthz, /readyz, /metrics share the backend's one port.
        URI base = URI.create("http://" + LOOPBACK + ":" + config.get("backend.port"));
        managementUris.put(service, base);
        Path configFile = writeConfig(dir, service.displayName(), config);
        return spec(service.displayName(),
                List.of("backend", "--kind", service.displayName(), "--config", configFile.toString()), dir,
                base);
    }

    private static ServiceSpec spec(String name, List<String> args, Path dir, URI management) {
        return ServiceSpec.of(name, MAIN_CLASS, args, dir, URI.create(management + "/readyz"))
                .withJvmOptions(JVM_OPTIONS)
                .withReadyTimeout(READY_TIMEOUT);
    }

    private Map<String, String> platformConfig() {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("kafka.bootstrap.servers", options.bootstrapServers());
        config.put("schema.registry.url", options.schemaRegistryUrl());
        return config;
    }

    private static URI managementUri(Map<String, String> config) {
        return URI.create("http://" + LOOPBACK + ":" + config.get("management.port"));
    }

    private Path serviceDir(PipelineService service) {
        return workDir.resolve(service.displayName());
    }

    private static Path writeConfig(Path dir, String service, Map<String, String> config) {
        WorkDirs.createDirectories(dir);
        Path file = dir.resolve(service + ".properties");
        Properties properties = new Properties();
        properties.putAll(config);
        try (Writer writer = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
            properties.store(writer, "clipstream " + service + ", written by ProcessPipeline");
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write " + file, e);
        }
        return file;
    }

    private void writeTokensFile() {
        try {
            new FleetTokens(options.fleetSecret()).writeTokensFile(FleetTokens.vehicleIds(options.vehicles()),
                    tokensFile);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the vehicle tokens file " + tokensFile, e);
        }
    }

    /** The catalog the services use (same registry, auto-registration off). */
    public TopicCatalog catalog() {
        return TopicCatalog.create(new SerdeSettings(options.schemaRegistryUrl(), false));
    }

    /** The child process of a service (the first labeling instance for LABELING). */
    public ServiceProcess service(PipelineService service) {
        ServiceProcess process = services.get(service);
        if (process == null) {
            throw new IllegalStateException(service.displayName() + " is not running in this pipeline");
        }
        return process;
    }

    /** Labeling instances started by {@link #startExtraLabelingInstance()}, in start order. */
    public List<ServiceProcess> extraLabelingInstances() {
        synchronized (extraLabelingInstances) {
            return List.copyOf(extraLabelingInstances);
        }
    }

    /** Base URI of the upload API, e.g. {@code http://127.0.0.1:PORT}. */
    public URI ingestUri() {
        return ingestUri;
    }

    /** Base of /healthz, /readyz and /metrics per service (for a backend: its job API base, same port). */
    public Map<PipelineService, URI> managementUris() {
        Map<PipelineService, URI> copy = new EnumMap<>(PipelineService.class);
        copy.putAll(managementUris);
        return Collections.unmodifiableMap(copy);
    }

    /** Resident memory and CPU time of each running service (extra labeling instances not included). */
    public Map<PipelineService, ProcessStats> stats() {
        Map<PipelineService, ProcessStats> stats = new EnumMap<>(PipelineService.class);
        services.forEach((service, process) -> {
            if (process.isAlive()) {
                stats.put(service, process.stats());
            }
        });
        return Collections.unmodifiableMap(stats);
    }

    public Path workDir() {
        return workDir;
    }

    /** The options the pipeline was started with. */
    public PipelineOptions options() {
        return options;
    }

    /** Stops every service (ingest first, backends last: the order data flows) and deletes the work dir. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        List<Runnable> steps = new ArrayList<>();
        for (PipelineService service : List.of(PipelineService.INGEST, PipelineService.LABELING,
                PipelineService.DISPATCH, PipelineService.DOJO, PipelineService.NVIDIA)) {
            ServiceProcess process = services.get(service);
            if (process != null) {
                steps.add(process::close);
            }
        }
        for (ServiceProcess extra : extraLabelingInstances()) {
            steps.add(extra::close);
        }
        steps.add(() -> {
            if (ownsWorkDir) {
                WorkDirs.deleteRecursively(workDir);
            } else {
                WorkDirs.deleteRecursively(tokensFile);
            }
        });
        Cleanup.runAll(steps.toArray(Runnable[]::new));
    }
}
