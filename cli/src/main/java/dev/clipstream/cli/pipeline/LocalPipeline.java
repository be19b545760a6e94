package dev.clipstream.cli.pipeline;

import dev.clipstream.backends.api.BackendKindName;
import dev.clipstream.backends.api.HttpTrainingBackendClient;
import dev.clipstream.backends.api.TrainingBackendClient;
import dev.clipstream.backends.config.BackendConfig;
import dev.clipstream.backends.sim.SimulatedBackendServer;
import dev.clipstream.backends.status.BackendStatusPublisher;
import dev.clipstream.devstack.process.WorkDirs;
import dev.clipstream.dispatch.app.DispatchConfig;
import dev.clipstream.dispatch.app.DispatchSettings;
import dev.clipstream.dispatch.app.DispatcherApp;
import dev.clipstream.fleet.auth.FleetTokens;
import dev.clipstream.ingest.IngestConfig;
import dev.clipstream.ingest.IngestService;
import dev.clipstream.labeling.app.LabelingApp;
import dev.clipstream.labeling.app.LabelingRuntime;
import dev.clipstream.labeling.campaign.CampaignAdmin;
import dev.clipstream.labeling.campaign.SeedCampaigns;
import dev.clipstream.labeling.config.LabelingConfig;
import dev.clipstream.labeling.label.SimulatedLabeler;
import dev.clipstream.runtime.config.ConfigDefinition;
import dev.clipstream.runtime.config.ConfigLoader;
import dev.clipstream.runtime.config.EffectiveConfig;
import dev.clipstream.runtime.management.ManagementSettings;
import dev.clipstream.schemas.avro.BackendStatus;
import dev.clipstream.schemas.serde.SerdeSettings;
import dev.clipstream.schemas.topic.TopicBootstrap;
import dev.clipstream.schemas.topic.TopicCatalog;
import dev.clipstream.schemas.topic.TopicSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ingest, labeling, dispatch and the Dojo + Nvidia simulated backends in this JVM, on an existing Kafka cluster and
 * schema registry. {@link #start} creates the catalog topics and registers their schemas if missing, writes
 * ingest's tokens file for vehicles 1..N from the fleet secret, optionally publishes the demo campaigns, starts the
 * backends, the dispatcher, labeling and ingest on free loopback ports, and returns once every one of them is
 * ready. Each service is configured exactly as its {@code --config} file would configure it (see
 * {@link PipelineConfigs}); the environment is not read. {@link #close} stops them in reverse order and deletes
 * the work dir.
 */
public final class LocalPipeline implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalPipeline.class);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration BACKEND_CALL_TIMEOUT = Duration.ofSeconds(2);

    private final PipelineOptions options;
    private final Path workDir;
    private final TopicCatalog catalog;
    /** Everything started, in start order; closed in reverse. */
    private final Deque<AutoCloseable> started = new ArrayDeque<>();
    private final Map<PipelineService, URI> managementUris = new EnumMap<>(PipelineService.class);
    private final Map<PipelineService, SimulatedBackendServer> backends = new EnumMap<>(PipelineService.class);
    private final AtomicBoolean closed = new AtomicBoolean();
    private IngestService ingest;
    private LabelingApp labeling;
    private DispatcherApp dispatcher;

    private LocalPipeline(PipelineOptions options, Path workDir) {
        this.options = options;
        this.workDir = workDir;
        this.catalog = TopicCatalog.create(new SerdeSettings(options.schemaRegistryUrl(), false));
    }

    /**
     * Starts the five services. On any failure whatever started is stopped, the work dir is deleted and the
     * exception is rethrown (as {@link PipelineStartException} naming the service).
     */
    public static LocalPipeline start(PipelineOptions options) {
        Path workDir = WorkDirs.createFresh(options.workDir(), "clipstream-pipeline-");
        LocalPipeline pipeline = new LocalPipeline(options, workDir);
        try {
            pipeline.startAll();
            return pipeline;
        } catch (PipelineStartException e) {
            pipeline.close();
            throw e;
        } catch (RuntimeException | Error e) {
            pipeline.close();
            throw new PipelineStartException("The local pipeline failed to start: " + e.getMessage(), e);
        }
    }

    private void startAll() {
        long begin = System.nanoTime();
        provisionTopics();
        writeTokensFile();
        if (options.seedCampaigns()) {
            new CampaignAdmin(catalog, options.bootstrapServers()).publish(SeedCampaigns.all(Instant.now()));
        }
        startBackend(PipelineService.DOJO, BackendKindName.DOJO);
        startBackend(PipelineService.NVIDIA, BackendKindName.NVIDIA);
        startDispatcher();
        startLabeling();
        startIngest();
        awaitReady("dispatch", () -> dispatcher.ready());
        awaitReady("labeling", () -> labeling.state() == KafkaStreams.State.RUNNING);
        awaitReady("ingest", () -> ingest.acceptingUploads());
        LOG.info("Local pipeline ready in {} ms: ingest {}, work dir {}", (System.nanoTime() - begin) / 1_000_000,
                ingest.baseUri(), workDir);
    }

    private void provisionTopics() {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                options.bootstrapServers()))) {
            TopicBootstrap.Result result = new TopicBootstrap(admin).ensureTopics(catalog);
            if (!result.created().isEmpty()) {
                LOG.info("Created topics {}", result.created());
            }
        }
        TopicBootstrap.registerSchemas(catalog);
    }

    private void writeTokensFile() {
        try {
            new FleetTokens(options.fleetSecret()).writeTokensFile(FleetTokens.vehicleIds(options.vehicles()),
                    PipelineConfigs.tokensFile(workDir));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write ingest's tokens file: " + e.getMessage(), e);
        }
    }

    private EffectiveConfig load(PipelineService service, ConfigDefinition definition, String defaultsResource,
                                 Map<String, URI> backendUris) {
        Map<String, String> keys = PipelineConfigs.keys(service, options, workDir, backendUris);
        Path file = PipelineConfigs.write(keys, workDir.resolve(service.displayName() + ".properties"));
        try {
            return new ConfigLoader(definition, Map.of()).load(defaultsResource, file);
        } catch (RuntimeException e) {
            throw new PipelineStartException("Invalid configuration of " + service.displayName() + ": "
                    + e.getMessage(), e);
        }
    }

    private void startBackend(PipelineService service, BackendKindName kind) {
        EffectiveConfig config = load(service, BackendConfig.definition(), BackendConfig.defaultsResource(kind),
                Map.of());
        SimulatedBackendServer server = SimulatedBackendServer.start(BackendConfig.settings(kind, config));
        started.push(server);
        backends.put(service, server);
        managementUris.put(service, server.baseUri());
        BackendConfig.statusPublishing(config).ifPresent(publishing -> {
            TopicSpec<String, BackendStatus> topic = catalog.backendStatus();
            Properties properties = new Properties();
            properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, publishing.bootstrapServers());
            properties.put(ProducerConfig.ACKS_CONFIG, "all");
            properties.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 5_000);
            properties.put(ProducerConfig.CLIENT_ID_CONFIG, service.displayName() + "-status");
            KafkaProducer<String, BackendStatus> producer = new KafkaProducer<>(properties,
                    topic.keySerde().serializer(), topic.valueSerde().serializer());
            started.push(BackendStatusPublisher.start(server.simulator(), producer, publishing.topic(),
                    publishing.interval(), Duration.ofMillis(500)));
        });
    }

    private void startDispatcher() {
        Map<String, URI> backendUris = new LinkedHashMap<>();
        backends.forEach((service, server) -> backendUris.put(service.displayName(), server.baseUri()));
        EffectiveConfig config = load(PipelineService.DISPATCH, DispatchConfig.definition(),
                DispatchConfig.DEFAULTS_RESOURCE, backendUris);
        DispatchSettings settings = DispatchConfig.settings(config);
        Duration callTimeout = config.getDuration(DispatchConfig.CALL_TIMEOUT);
        Map<String, TrainingBackendClient> clients = new LinkedHashMap<>();
        DispatchConfig.backends(config).forEach((name, uri) ->
                clients.put(name, new HttpTrainingBackendClient(name, uri, callTimeout)));
        try {
            dispatcher = DispatcherApp.start(settings, catalog, options.bootstrapServers(), clients);
        } catch (RuntimeException e) {
            clients.values().forEach(TrainingBackendClient::close);
            throw new PipelineStartException("dispatch failed to start: " + e.getMessage(), e);
        }
        started.push(dispatcher);
        managementUris.put(PipelineService.DISPATCH, dispatcher.managementUri());
    }

    private void startLabeling() {
        EffectiveConfig config = load(PipelineService.LABELING, LabelingConfig.definition(),
                LabelingConfig.DEFAULTS_RESOURCE, Map.of());
        LabelingRuntime runtime = new LabelingRuntime(options.bootstrapServers(),
                config.getString(LabelingConfig.APPLICATION_ID),
                ManagementSettings.from(config, LabelingConfig.SERVICE_NAME),
                config.passThrough(ConfigDefinition.KAFKA_STREAMS),
                config.getBoolean(LabelingConfig.CREATE_TOPICS),
                config.getDuration(LabelingConfig.SHUTDOWN_TIMEOUT));
        labeling = LabelingApp.start(LabelingConfig.settings(config), catalog, runtime, new SimulatedLabeler());
        started.push(labeling);
        managementUris.put(PipelineService.LABELING, labeling.managementUri());
    }

    private void startIngest() {
        EffectiveConfig config = load(PipelineService.INGEST, IngestConfig.definition(),
                IngestConfig.DEFAULTS_RESOURCE, Map.of());
        ingest = IngestService.start(IngestConfig.settings(config), catalog);
        started.push(ingest);
        managementUris.put(PipelineService.INGEST, ingest.managementUri());
    }

    private static void awaitReady(String service, BooleanSupplier ready) {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        while (!ready.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new PipelineStartException(service + " was not ready within " + READY_TIMEOUT.toSeconds()
                        + " s", null);
            }
            try {
                Thread.sleep(50); // polling a local flag; nothing to wait on
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new PipelineStartException("Interrupted while waiting for " + service, e);
            }
        }
    }

    /** The upload API, http://127.0.0.1:PORT (paths start with /v1). */
    public URI ingestUri() {
        return ingest.baseUri();
    }

    /** Per service the base of /healthz, /readyz and /metrics; for the backends also their job and fault API. */
    public Map<PipelineService, URI> managementUris() {
        return Collections.unmodifiableMap(new EnumMap<>(managementUris));
    }

    /** The job API base of a backend (DOJO or NVIDIA); BackendFaults takes it. */
    public URI backendUri(PipelineService backend) {
        SimulatedBackendServer server = backends.get(backend);
        if (server == null) {
            throw new IllegalArgumentException(backend + " is not a backend");
        }
        return server.baseUri();
    }

    public TopicCatalog catalog() {
        return catalog;
    }

    public PipelineOptions options() {
        return options;
    }

    public Path workDir() {
        return workDir;
    }

    /** The running dispatcher, e.g. for its {@code view()}. */
    public DispatcherApp dispatcher() {
        return dispatcher;
    }

    public LabelingApp labeling() {
        return labeling;
    }

    public IngestService ingest() {
        return ingest;
    }

    /** Stops ingest, labeling, dispatch, then the backends, and deletes the work dir. Idempotent. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        while (!started.isEmpty()) {
            AutoCloseable service = started.pop();
            try {
                service.close();
            } catch (Exception e) {
                LOG.warn("Stopping {} failed: {}", service.getClass().getSimpleName(), e.toString());
            }
        }
        try {
            WorkDirs.deleteRecursively(workDir);
        } catch (RuntimeException e) {
            LOG.warn("Could not delete the pipeline work dir {}: {}", workDir, e.getMessage());
        }
        if (Files.exists(workDir)) {
            LOG.warn("The pipeline work dir {} is still there", workDir);
        }
    }
}
