package dev.clipstream.ingest.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.clipstream.devstack.kafka.EmbeddedKafkaBroker;
import dev.clipstream.ingest.IngestService;
import dev.clipstream.ingest.IngestSettings;
import dev.clipstream.ingest.auth.VehicleTokens;
import dev.clipstream.ingest.testing.ClipsTopic;
import dev.clipstream.ingest.testing.TestClips;
import dev.clipstream.ingest.testing.UploadClient;
import dev.clipstream.ingest.testing.UploadClient.Response;
import dev.clipstream.schemas.serde.SerdeSettings;
import dev.clipstream.schemas.topic.TopicCatalog;
import dev.clipstream.testkit.TestStack;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A broker of its own that dies while ingest runs: uploads get 503 with Retry-After, nothing is accepted. */
class KafkaOutageIT {

    private static final String VEHICLE = "veh-00001";
    private static final String TOKEN = "outage-token";

    @TempDir
    Path dir;

    @Test
    void uploadsAnswer503OnceTheBrokerIsGone() throws Exception {
        TestStack stack = TestStack.shared();
        TopicCatalog catalog = TopicCatalog.create(new SerdeSettings(stack.schemaRegistryUrl(), false));
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir.resolve("broker"));
        IngestService service = null;
        try {
            String topic = "outage-clips-" + UUID.randomUUID().toString().substring(0, 8);
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                    broker.bootstrapServers()))) {
                ClipsTopic.create(admin, catalog, topic);
            }
            IngestSettings settings = IngestSettings.defaults(broker.bootstrapServers(), dir.resolve("blobs"),
                            VehicleTokens.parseEntries(List.of(VehicleTokens.fileLine(VEHICLE, TOKEN)), "test"))
                    .withClipsTopic(topic).withRateLimit(0, 1).withPublishTimeout(Duration.ofSeconds(3));
            service = IngestService.start(settings, catalog);
            IngestService started = service;
            await().atMost(Duration.ofSeconds(60)).until(started::acceptingUploads);
            UploadClient client = new UploadClient(service.baseUri());
            assertThat(client.put(VEHICLE, UUID.randomUUID(), TOKEN, TestClips.mp4(1_000, 1)).status()).isEqualTo(201);

            broker.close();

            UUID clipId = UUID.randomUUID();
            long startNanos = System.nanoTime();
            Response down = client.put(VEHICLE, clipId, TOKEN, TestClips.mp4(1_000, 2));
            Duration took = Duration.ofNanos(System.nanoTime() - startNanos);
            assertThat(down.status()).as(down.body().toString()).isEqualTo(503);
            assertThat(down.error()).isEqualTo("unavailable");
            assertThat(down.headers().firstValue("Retry-After")).hasValue("5");
            assertThat(took).as("bounded by the publish timeout").isLessThan(Duration.ofSeconds(10));
            assertThat(client.get(VEHICLE, clipId.toString(), TOKEN).status()).isEqualTo(404);
            try (Stream<Path> temp = Files.list(service.blobStore().tempDir())) {
                assertThat(temp).isEmpty();
            }
            HttpResponse<String> ready = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(service.managementUri().resolve("/readyz")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(ready.statusCode()).isEqualTo(503);
        } finally {
            if (service != null) {
                service.close();
            }
            broker.close();
        }
    }
}
