package dev.clipstream.ingest.cli;

import dev.clipstream.ingest.IngestConfig;
import dev.clipstream.ingest.IngestService;
import dev.clipstream.ingest.IngestSettings;
import dev.clipstream.runtime.config.ConfigLoader;
import dev.clipstream.runtime.config.EffectiveConfig;
import dev.clipstream.runtime.config.PlatformSettings;
import dev.clipstream.schemas.serde.SerdeSettings;
import dev.clipstream.schemas.topic.TopicCatalog;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code clipstream ingest}: the clip upload service until Ctrl-C. */
@Command(
        name = "ingest",
        header = "Run the clip upload service (HTTP API v1: clips to the blob store, events to Kafka).",
        mixinStandardHelpOptions = true,
        description = {
                "Run the clip upload service: PUT /v1/vehicles/{vehicleId}/clips/{clipId} streams a clip into the "
                        + "content-addressed blob store and publishes a ClipUploaded event to Kafka (see "
                        + "docs/ingest-api.md).",
                "Health, readiness and Prometheus metrics are on the management port (/healthz, /readyz, /metrics).",
                "Configuration: defaults < --config FILE < CLIPSTREAM_* environment variables "
                        + "(CLIPSTREAM_INGEST_HTTP_PORT sets ingest.http.port)."},
        footerHeading = "%nMain keys (default):%n",
        footer = {
                "  kafka.bootstrap.servers       (required; CLIPSTREAM_KAFKA_BOOTSTRAP_SERVERS)",
                "  schema.registry.url           (required; CLIPSTREAM_SCHEMA_REGISTRY_URL)",
                "  ingest.auth.tokens.file       lines <vehicleId>=sha256:<hex of SHA-256(token)>",
                "  ingest.http.port              8080     management.port          9081",
                "  ingest.blob.dir               clipstream-data/blobs",
                "  ingest.max.clip.bytes         1073741824 (1 GiB)",
                "  ingest.rate.limit.per.second  10       ingest.rate.limit.burst  50",
                "  ingest.publish.timeout        10s      ingest.shutdown.timeout  30s",
                "  kafka.producer.*, kafka.consumer.*  passed to the Kafka clients",
                "  All keys: docs/ingest-api.md",
                "",
                "Example:",
                "  clipstream push tokens --fleet-secret s3cret --vehicles 100 \\",
                "      --out tokens.properties",
                "  export CLIPSTREAM_KAFKA_BOOTSTRAP_SERVERS=127.0.0.1:9092",
                "  export CLIPSTREAM_SCHEMA_REGISTRY_URL=http://127.0.0.1:8081/apis/ccompat/v7",
                "  export CLIPSTREAM_INGEST_AUTH_TOKENS_FILE=tokens.properties",
                "  clipstream ingest"})
public final class IngestCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE",
            description = "Properties file with configuration keys (overrides the defaults; the environment "
                    + "overrides it).")
    Path configFile;

    private final Map<String, String> environment;

    public IngestCommand() {
        this(System.getenv());
    }

    /** For tests: the environment as a map. */
    public IngestCommand(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        EffectiveConfig config = new ConfigLoader(IngestConfig.definition(), environment)
                .load(IngestConfig.DEFAULTS_RESOURCE, configFile);
        config.logEffectiveConfig(IngestConfig.SERVICE_NAME);
        IngestSettings settings = IngestConfig.settings(config);
        PlatformSettings platform = PlatformSettings.from(config);
        TopicCatalog catalog = TopicCatalog.create(
                new SerdeSettings(platform.schemaRegistryUrl(), platform.autoRegisterSchemas()));

        IngestService service = IngestService.start(settings, catalog);
        out.println("Clipstream ingest is running.");
        out.println("  Upload API:  " + service.baseUri() + "/v1/vehicles/{vehicleId}/clips/{clipId}");
        out.println("  Management:  " + service.managementUri() + " (/healthz, /readyz, /metrics)");
        out.println("  Blob store:  " + service.blobStore().root());
        out.println("  Events to:   " + service.topic() + " at " + settings.bootstrapServers());
        out.println("Press Ctrl-C to stop (uploads in flight finish first).");
        out.flush();
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            service.close();
            out.println("Clipstream ingest stopped.");
            out.flush();
            stopped.countDown();
        }, "clipstream-ingest-stop"));
        stopped.await();
        return CommandLine.ExitCode.OK;
    }
}
