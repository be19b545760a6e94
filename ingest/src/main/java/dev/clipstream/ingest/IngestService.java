package dev.clipstream.ingest;

import dev.clipstream.ingest.blob.LocalDirectoryBlobStore;
import dev.clipstream.ingest.events.KafkaAcceptedClipIndex;
import dev.clipstream.ingest.events.KafkaEventPublisher;
import dev.clipstream.ingest.http.IngestHttpServer;
import dev.clipstream.runtime.config.KafkaClientSecurity;
import dev.clipstream.runtime.management.ManagementServer;
import dev.clipstream.runtime.management.ReadinessCheck;
import dev.clipstream.schemas.avro.ClipUploaded;
import dev.clipstream.schemas.topic.TopicCatalog;
import dev.clipstream.schemas.topic.TopicSpec;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ingest service, wired: local blob store, idempotent Kafka producer, Kafka-backed accepted-clip index, the
 * upload API and the management endpoint. {@link #start} returns once both HTTP ports listen; uploads answer 503
 * until the index has loaded (see /readyz). {@link #close} shuts down gracefully: uploads in flight finish
 * (bounded by the shutdown timeout), then the producer is flushed and closed.
 */
public final class IngestService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(IngestService.class);
    private static final Duration KAFKA_CHECK_TIMEOUT = Duration.ofSeconds(3);
    private static final java.util.List<String> READINESS_CHECKS = java.util.List.of("kafka", "blob-store",
            "accepted-clip-index");

    private final ManagementServer management;
    private final LocalDirectoryBlobStore blobStore;
    private final KafkaEventPublisher publisher;
    private final KafkaClientMetrics producerMetrics;
    private final KafkaAcceptedClipIndex index;
    private final Admin admin;
    private final IngestHttpServer http;
    private final String topic;
    private final AtomicBoolean closed = new AtomicBoolean();

    private IngestService(ManagementServer management, LocalDirectoryBlobStore blobStore, KafkaEventPublisher publisher,
                          KafkaClientMetrics producerMetrics, KafkaAcceptedClipIndex index, Admin admin,
                          IngestHttpServer http, String topic) {
        this.management = management;
        this.blobStore = blobStore;
        this.publisher = publisher;
        this.producerMetrics = producerMetrics;
        this.index = index;
        this.admin = admin;
        this.http = http;
        this.topic = topic;
    }

    /**
     * Starts ingest. The topic must exist (devstack and {@code TopicBootstrap} create it) and the ClipUploaded
     * schema must be registered unless the catalog auto-registers.
     *
     * @throws IngestStartException when a port is taken or the blob directory is unusable; nothing is left running
     */
    public static IngestService start(IngestSettings settings, TopicCatalog catalog) {
        if (settings.tokens().size() == 0) {
            throw new IngestStartException("No vehicle tokens are configured: set ingest.auth.tokens.file (or "
                    + "ingest.auth.tokens), e.g. with a file written by 'clipstream push tokens'", null);
        }
        TopicSpec<String, ClipUploaded> spec = catalog.clipsUploaded();
        String topic = settings.clipsTopic() != null ? settings.clipsTopic() : spec.name();
        ManagementServer management = null;
        KafkaEventPublisher publisher = null;
        KafkaClientMetrics producerMetrics = null;
        KafkaAcceptedClipIndex index = null;
        Admin admin = null;
        try {
            LocalDirectoryBlobStore blobStore = LocalDirectoryBlobStore.open(settings.blobDir());
            management = ManagementServer.start(settings.management());
            // Not ready until everything below is wired; the real checks replace these at the end.
            for (String check : READINESS_CHECKS) {
                management.registerReadinessCheck(check, () -> ReadinessCheck.Result.failed("ingest is starting"));
            }
            publisher = new KafkaEventPublisher(settings.bootstrapServers(), topic, spec.keySerde().serializer(),
                    spec.valueSerde().serializer(), settings.publishTimeout(), settings.producerOverrides());
            producerMetrics = new KafkaClientMetrics(publisher.producer());
            producerMetrics.bindTo(management.meterRegistry());
            index = KafkaAcceptedClipIndex.start(settings.bootstrapServers(), topic, spec.valueSerde().deserializer(),
                    settings.consumerOverrides());
            // Logs in as the producer does (kafka.sasl.* / kafka.security.protocol reach every client's overrides).
            Map<String, Object> adminConfig = new HashMap<>(
                    KafkaClientSecurity.loginSettings(settings.producerOverrides()));
            adminConfig.putAll(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, settings.bootstrapServers(),
                    AdminClientConfig.CLIENT_ID_CONFIG, "ingest-readiness",
                    AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) KAFKA_CHECK_TIMEOUT.toMillis(),
                    AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) KAFKA_CHECK_TIMEOUT.toMillis()));
            admin = Admin.create(adminConfig);
            IngestHttpServer http = IngestHttpServer.start(settings, blobStore, publisher, index,
                    management.meterRegistry(), Clock.systemUTC());
            IngestService service = new IngestService(management, blobStore, publisher, producerMetrics, index, admin,
                    http, topic);
            service.registerReadinessChecks();
            LOG.info("Ingest started: uploads {}, management {}, blobs in {}, events to '{}', {} vehicle(s) allowed",
                    http.baseUri(), management.baseUri(), blobStore.root(), topic, settings.tokens().size());
            return service;
        } catch (IOException | RuntimeException e) {
            closeQuietly(admin);
            closeQuietly(index);
            closeQuietly(producerMetrics);
            closeQuietly(publisher);
            closeQuietly(management);
            if (e instanceof IOException io) {
                throw new IngestStartException("Cannot open the blob store in " + settings.blobDir() + ": "
                        + io.getMessage(), new UncheckedIOException(io));
            }
            throw new IngestStartException("Ingest failed to start: " + e.getMessage(), e);
        }
    }

    private void registerReadinessChecks() {
        management.registerReadinessCheck("kafka", () -> {
            int nodes = admin.describeCluster(new DescribeClusterOptions()
                            .timeoutMs((int) KAFKA_CHECK_TIMEOUT.toMillis()))
                    .nodes().get(KAFKA_CHECK_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).size();
            return nodes > 0 ? ReadinessCheck.Result.ok() : ReadinessCheck.Result.failed("no Kafka broker answers");
        });
        management.registerReadinessCheck("blob-store", () -> {
            blobStore.checkWritable();
            return ReadinessCheck.Result.ok();
        });
        management.registerReadinessCheck("accepted-clip-index", () -> index.ready()
                ? ReadinessCheck.Result.ok()
                : ReadinessCheck.Result.failed(index.notReadyReason()));
    }

    /** The upload API, e.g. http://127.0.0.1:8080 (paths start with /v1). */
    public URI baseUri() {
        return http.baseUri();
    }

    /** The management endpoint: /healthz, /readyz, /metrics. */
    public URI managementUri() {
        return management.baseUri();
    }

    public LocalDirectoryBlobStore blobStore() {
        return blobStore;
    }

    public String topic() {
        return topic;
    }

    /** True once the clips accepted before this start are loaded, i.e. uploads are decided (not 503). */
    public boolean acceptingUploads() {
        return index.ready();
    }

    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        LOG.info("Ingest stopping: no new uploads; waiting for those in flight");
        closeQuietly(http);
        closeQuietly(producerMetrics);
        closeQuietly(publisher);
        closeQuietly(index);
        closeQuietly(admin);
        closeQuietly(management);
        LOG.info("Ingest stopped");
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            LOG.warn("Closing {} failed: {}", closeable.getClass().getSimpleName(), e.toString());
        }
    }
}
