package dev.clipstream.fleet.bench;

import dev.clipstream.devstack.DevStack;
import dev.clipstream.devstack.DevStackOptions;
import dev.clipstream.fleet.auth.FleetTokens;
import dev.clipstream.ingest.IngestService;
import dev.clipstream.ingest.IngestSettings;
import dev.clipstream.ingest.auth.VehicleTokens;
import dev.clipstream.schemas.serde.SerdeSettings;
import dev.clipstream.schemas.topic.TopicBootstrap;
import dev.clipstream.schemas.topic.TopicCatalog;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * What the ingest benchmark runs against, all started by itself: a devstack (Kafka and registry as child JVMs), the
 * catalog topics and schemas, and the ingest service in this JVM with its blob store in {@code workDir/blobs}. The
 * raw-rate files go to {@code workDir/raw}: the same file system.
 */
final class BenchStack implements AutoCloseable {

    static final String FLEET_SECRET = "bench-fleet-secret";

    private final DevStack devStack;
    private final IngestService ingest;
    private final Path workDir;

    private BenchStack(DevStack devStack, IngestService ingest, Path workDir) {
        this.devStack = devStack;
        this.ingest = ingest;
        this.workDir = workDir;
    }

    static BenchStack start(Path workDir, int vehicles) throws IOException {
        DevStack devStack = DevStack.start(DevStackOptions.defaults());
        try {
            TopicCatalog catalog = TopicCatalog.create(new SerdeSettings(devStack.schemaRegistryUrl(), false));
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                    devStack.bootstrapServers()))) {
                new TopicBootstrap(admin).ensureTopics(catalog);
            }
            TopicBootstrap.registerSchemas(catalog);
            Path tokens = workDir.resolve("tokens.properties");
            new FleetTokens(FLEET_SECRET).writeTokensFile(FleetTokens.vehicleIds(vehicles), tokens);
            // No rate limit: the benchmark measures throughput, not the per-vehicle policy.
            IngestSettings settings = IngestSettings.defaults(devStack.bootstrapServers(), workDir.resolve("blobs"),
                    VehicleTokens.readFile(tokens)).withRateLimit(0, 1);
            IngestService ingest = IngestService.start(settings, catalog);
            awaitAccepting(ingest);
            return new BenchStack(devStack, ingest, workDir);
        } catch (IOException | RuntimeException e) {
            devStack.close();
            throw e;
        }
    }

    private static void awaitAccepting(IngestService ingest) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!ingest.acceptingUploads()) {
            if (System.nanoTime() > deadline) {
                ingest.close();
                throw new IllegalStateException("Ingest did not become ready within 60 s");
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                ingest.close();
                throw new IllegalStateException("Interrupted while waiting for ingest", e);
            }
        }
    }

    String bootstrapServers() {
        return devStack.bootstrapServers();
    }

    URI ingestUrl() {
        return ingest.baseUri();
    }

    Path rawDir() {
        return workDir.resolve("raw");
    }

    /** Deletes the blobs of the last round, so a long run does not fill the disk; fresh clips come next. */
    void deleteBlobs() throws IOException {
        RawWriteRate.deleteFiles(ingest.blobStore().root().resolve("sha256"));
    }

    @Override
    public void close() throws IOException {
        try {
            ingest.close();
        } finally {
            devStack.close();
            deleteTree(workDir);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
