package dev.clipstream.ingest.testing;

import dev.clipstream.ingest.IngestSettings;
import dev.clipstream.ingest.auth.VehicleTokens;
import dev.clipstream.ingest.blob.LocalDirectoryBlobStore;
import dev.clipstream.ingest.events.InMemoryAcceptedClipIndex;
import dev.clipstream.ingest.http.IngestHttpServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.stream.Stream;

/** The upload API with a real blob store but a recording publisher and an in-memory index: no Kafka. */
public final class InProcessIngest implements AutoCloseable {

    public static final String VEHICLE = "veh-00001";
    public static final String TOKEN = "token-of-veh-00001";
    public static final String OTHER_VEHICLE = "veh-00002";
    public static final String OTHER_TOKEN = "token-of-veh-00002";

    public final LocalDirectoryBlobStore blobStore;
    public final RecordingPublisher publisher = new RecordingPublisher();
    public final InMemoryAcceptedClipIndex index = new InMemoryAcceptedClipIndex();
    public final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    public final IngestHttpServer server;
    public final UploadClient client;

    public InProcessIngest(Path dir, java.util.function.UnaryOperator<IngestSettings> customize) {
        try {
            blobStore = LocalDirectoryBlobStore.open(dir);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        IngestSettings settings = customize.apply(IngestSettings.defaults("127.0.0.1:1", dir, tokens())
                .withRateLimit(0, 1));
        server = IngestHttpServer.start(settings, blobStore, publisher, index, registry, Clock.systemUTC());
        client = new UploadClient(server.baseUri());
    }

    public static VehicleTokens tokens() {
        return VehicleTokens.parseEntries(List.of(VehicleTokens.fileLine(VEHICLE, TOKEN),
                VehicleTokens.fileLine(OTHER_VEHICLE, OTHER_TOKEN)), "test");
    }

    /** Every file under the store's temp dir: must be empty whenever no upload is in flight. */
    public List<Path> tempFiles() {
        return files(blobStore.tempDir());
    }

    public List<Path> blobFiles() {
        return files(blobStore.root().resolve("sha256"));
    }

    private static List<Path> files(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(Files::isRegularFile).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        server.close();
        registry.close();
    }
}
