package dev.clipstream.ingest.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.clipstream.ingest.IngestService;
import dev.clipstream.ingest.IngestSettings;
import dev.clipstream.ingest.auth.VehicleTokens;
import dev.clipstream.ingest.blob.Sha256;
import dev.clipstream.ingest.testing.ClipsTopic;
import dev.clipstream.ingest.testing.InvalidMetadata;
import dev.clipstream.ingest.testing.TestClips;
import dev.clipstream.ingest.testing.UploadClient;
import dev.clipstream.ingest.testing.UploadClient.Response;
import dev.clipstream.schemas.avro.ClipUploaded;
import dev.clipstream.schemas.serde.SerdeSettings;
import dev.clipstream.schemas.topic.TopicCatalog;
import dev.clipstream.schemas.topic.TopicSpec;
import dev.clipstream.testkit.TestStack;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ingest service against the test JVM's real broker and registry, over HTTP. */
class IngestServiceIT {

    private static final String VEHICLE = "veh-00001";
    private static final String TOKEN = "secret-1";
    private static final String OTHER_VEHICLE = "veh-00002";
    private static final String OTHER_TOKEN = "secret-2";
    private static final String LIMITED_VEHICLE = "veh-00003";
    private static final String LIMITED_TOKEN = "secret-3";
    private static final int BURST = 40;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path blobDir;

    private static TestStack stack;
    private static TopicCatalog catalog;
    private static TopicSpec<String, ClipUploaded> topic;
    private static IngestSettings settings;
    private static IngestService service;
    private static UploadClient client;

    @BeforeAll
    static void startIngest() {
        stack = TestStack.shared();
        catalog = TopicCatalog.create(new SerdeSettings(stack.schemaRegistryUrl(), false));
        topic = ClipsTopic.create(stack.admin(), catalog, stack.uniqueTopic("ingest-it-clips"));
        VehicleTokens tokens = VehicleTokens.parseEntries(List.of(VehicleTokens.fileLine(VEHICLE, TOKEN),
                VehicleTokens.fileLine(OTHER_VEHICLE, OTHER_TOKEN),
                VehicleTokens.fileLine(LIMITED_VEHICLE, LIMITED_TOKEN)), "test");
        settings = IngestSettings.defaults(stack.bootstrapServers(), blobDir, tokens)
                .withClipsTopic(topic.name()).withMaxClipBytes(256 * 1024).withRateLimit(0.01, BURST);
        service = start(settings);
        client = new UploadClient(service.baseUri());
    }

    private static IngestService start(IngestSettings ingestSettings) {
        IngestService started = IngestService.start(ingestSettings, catalog);
        await().atMost(Duration.ofSeconds(60)).until(started::acceptingUploads);
        return started;
    }

    @AfterAll
    static void stopIngest() {
        if (service != null) {
            service.close();
        }
    }

    @Test
    void everyAcceptedClipIsOnTheTopicExactlyOnceWithItsDigestAndBlob() throws Exception {
        List<UUID> clipIds = new ArrayList<>();
        List<byte[]> clips = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            UUID clipId = UUID.randomUUID();
            byte[] clip = TestClips.mp4(20_000 + i, 100 + i);
            Response response = client.put(VEHICLE, clipId, TOKEN, clip);
            assertThat(response.status()).as(response.body().toString()).isEqualTo(201);
            clipIds.add(clipId);
            clips.add(clip);
        }
        // Retries of two clips and a conflicting upload: no new events.
        assertThat(client.put(VEHICLE, clipIds.get(0), TOKEN, clips.get(0)).status()).isEqualTo(200);
        assertThat(client.put(VEHICLE, clipIds.get(3), TOKEN, clips.get(3)).body().path("status").asText())
                .isEqualTo("already-accepted");
        Response conflict = client.put(VEHICLE, clipIds.get(1), TOKEN, clips.get(2));
        assertThat(conflict.status()).isEqualTo(409);
        assertThat(client.get(VEHICLE, clipIds.get(4).toString(), TOKEN).status()).isEqualTo(200);

        List<ConsumerRecord<String, ClipUploaded>> records = ClipsTopic.readAll(stack.bootstrapServers(), topic)
                .stream().filter(r -> clipIds.contains(r.value().getClipId())).toList();
        assertThat(records).hasSize(5);
        assertThat(records.stream().map(r -> r.value().getClipId())).containsExactlyInAnyOrderElementsOf(clipIds);
        for (ConsumerRecord<String, ClipUploaded> record : records) {
            ClipUploaded event = record.value();
            byte[] clip = clips.get(clipIds.indexOf(event.getClipId()));
            String sha = Sha256.hexOf(clip);
            assertThat(record.key()).isEqualTo(VEHICLE);
            assertThat(event.getSha256()).isEqualTo(sha);
            assertThat(event.getByteSize()).isEqualTo(clip.length);
            assertThat(event.getBlobUri()).isEqualTo("blob://clips/sha256/" + sha.substring(0, 2) + "/" + sha);
            Path blob = service.blobStore().resolve(URI.create(event.getBlobUri()));
            assertThat(Sha256.hexOf(Files.readAllBytes(blob))).isEqualTo(sha);
        }
        assertThat(tempFiles()).isEmpty();
    }

    @Test
    void twoConcurrentUploadsOfOneClipPublishOneEvent() throws Exception {
        UUID clipId = UUID.randomUUID();
        byte[] clip = TestClips.mp4(100_000, 7);
        CyclicBarrier together = new CyclicBarrier(2);
        List<CompletableFuture<Response>> uploads = IntStream.range(0, 2).mapToObj(i -> CompletableFuture.supplyAsync(() -> {
            try {
                together.await();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return client.put(OTHER_VEHICLE, clipId, OTHER_TOKEN, clip);
        })).toList();
        List<Integer> statuses = uploads.stream().map(CompletableFuture::join).map(Response::status).sorted().toList();

        assertThat(statuses).containsExactly(200, 201);
        assertThat(ClipsTopic.readAll(stack.bootstrapServers(), topic).stream()
                .filter(r -> r.value().getClipId().equals(clipId))).hasSize(1);
    }

    @Test
    void clientErrorsGetTheirStatusCodesAndPublishNothing() throws Exception {
        byte[] clip = TestClips.mp4(1_000, 8);
        int eventsBefore = ClipsTopic.readAll(stack.bootstrapServers(), topic).size();
        Map<String, String> valid = UploadClient.validHeaders(TOKEN, clip);

        assertThat(client.put(VEHICLE, UUID.randomUUID(), "wrong", clip).status()).isEqualTo(401);
        assertThat(client.put(VEHICLE, UUID.randomUUID(), OTHER_TOKEN, clip).status()).isEqualTo(403);
        assertThat(client.put("veh.1", UUID.randomUUID(), TOKEN, clip).status()).isEqualTo(400);
        assertThat(client.put(VEHICLE, "x".repeat(300), valid, clip).error()).isEqualTo("invalid-id");
        assertThat(client.put(VEHICLE, UUID.randomUUID().toString(), with(valid, "Clip-Sha256", "abc"), clip).error())
                .isEqualTo("invalid-digest-header");
        Response metadata = client.put(VEHICLE, UUID.randomUUID().toString(),
                with(valid, "Clip-Metadata", TestClips.encode("{\"camera\":null}")), clip);
        assertThat(metadata.status()).isEqualTo(400);
        assertThat(metadata.body().path("fields").findValuesAsText("field")).contains("camera", "captureStart");
        assertThat(client.put(VEHICLE, UUID.randomUUID().toString(), with(valid, "Content-Type", "image/png"), clip)
                .status()).isEqualTo(415);
        byte[] text = "not a video at all, just text".getBytes();
        assertThat(client.put(VEHICLE, UUID.randomUUID(), TOKEN, text).error()).isEqualTo("unsupported-media-type");
        assertThat(client.put(VEHICLE, UUID.randomUUID().toString(),
                with(valid, "Clip-Sha256", Sha256.hexOf("other")), clip).status()).isEqualTo(422);
        byte[] large = TestClips.mp4(300 * 1024, 9);
        assertThat(client.put(VEHICLE, UUID.randomUUID(), TOKEN, large).status()).isEqualTo(413);
        HttpRequest.Builder chunked = HttpRequest.newBuilder(client.clipUri(VEHICLE, UUID.randomUUID().toString()))
                .PUT(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(clip)));
        valid.forEach(chunked::header);
        assertThat(client.send(chunked.build()).status()).isEqualTo(411);
        assertThat(client.get(VEHICLE, UUID.randomUUID().toString(), TOKEN).status()).isEqualTo(404);

        assertThat(ClipsTopic.readAll(stack.bootstrapServers(), topic)).hasSize(eventsBefore);
        assertThat(tempFiles()).isEmpty();
    }

    @Test
    void aSampleOfInvalidMetadataIsAlways400WithoutEventOrFile() throws Exception {
        int eventsBefore = ClipsTopic.readAll(stack.bootstrapServers(), topic).size();
        for (String json : InvalidMetadata.sample(25, 42)) {
            byte[] clip = TestClips.mp4(2_000, json.hashCode());
            Response response = client.put(OTHER_VEHICLE, UUID.randomUUID().toString(),
                    with(UploadClient.validHeaders(OTHER_TOKEN, clip), "Clip-Metadata", TestClips.encode(json)), clip);
            assertThat(response.status()).as(json).isEqualTo(400);
            assertThat(response.error()).isEqualTo("invalid-metadata");
        }
        assertThat(ClipsTopic.readAll(stack.bootstrapServers(), topic)).hasSize(eventsBefore);
        assertThat(tempFiles()).isEmpty();
    }

    @Test
    void aVehicleOverItsRateGets429WithRetryAfter() {
        byte[] clip = TestClips.mp4(100, 10);
        Map<String, String> cheap = with(UploadClient.validHeaders(LIMITED_TOKEN, clip), "Clip-Sha256", "cheap");
        for (int i = 0; i < BURST; i++) {
            assertThat(client.put(LIMITED_VEHICLE, UUID.randomUUID().toString(), cheap, clip).status()).isEqualTo(400);
        }
        Response limited = client.put(LIMITED_VEHICLE, UUID.randomUUID().toString(), cheap, clip);
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.headers().firstValue("Retry-After")).isPresent();
    }

    @Test
    void acceptedClipsAreRememberedAcrossRestartsAndInstances(@TempDir Path otherBlobDir) {
        UUID clipId = UUID.randomUUID();
        byte[] clip = TestClips.mp4(5_000, 11);
        assertThat(client.put(OTHER_VEHICLE, clipId, OTHER_TOKEN, clip).status()).isEqualTo(201);

        // A second instance, as after a restart or behind the same load balancer: it learns from the topic.
        try (IngestService second = start(settings.withBlobDir(otherBlobDir))) {
            UploadClient secondClient = new UploadClient(second.baseUri());
            Response retry = secondClient.put(OTHER_VEHICLE, clipId, OTHER_TOKEN, clip);
            assertThat(retry.status()).isEqualTo(200);
            assertThat(retry.body().path("status").asText()).isEqualTo("already-accepted");
            assertThat(secondClient.put(OTHER_VEHICLE, clipId, OTHER_TOKEN, TestClips.mp4(5_000, 12)).status())
                    .isEqualTo(409);

            // And the other way round, while both run: a clip accepted by the second is known to the first.
            UUID viaSecond = UUID.randomUUID();
            byte[] secondClip = TestClips.mp4(6_000, 13);
            assertThat(secondClient.put(OTHER_VEHICLE, viaSecond, OTHER_TOKEN, secondClip).status()).isEqualTo(201);
            await().atMost(Duration.ofSeconds(30)).until(() ->
                    client.get(OTHER_VEHICLE, viaSecond.toString(), OTHER_TOKEN).status() == 200);
            assertThat(client.put(OTHER_VEHICLE, viaSecond, OTHER_TOKEN, secondClip).status()).isEqualTo(200);
        }
        assertThat(ClipsTopic.readAll(stack.bootstrapServers(), topic).stream()
                .filter(r -> r.value().getVehicleId().equals(OTHER_VEHICLE))
                .map(r -> r.value().getClipId()).filter(id -> id.equals(clipId))).hasSize(1);
    }

    @Test
    void managementEndpointsReportReadinessAndMetrics() throws Exception {
        client.put(VEHICLE, UUID.randomUUID(), TOKEN, TestClips.mp4(2_000, 14));
        HttpResponse<String> ready = HTTP.send(HttpRequest.newBuilder(service.managementUri().resolve("/readyz"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(ready.statusCode()).as(ready.body()).isEqualTo(200);
        assertThat(ready.body()).contains("kafka", "blob-store", "accepted-clip-index");
        String metrics = HTTP.send(HttpRequest.newBuilder(service.managementUri().resolve("/metrics")).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        assertThat(metrics).contains("ingest_uploads_accepted_total{", "ingest_bytes_accepted_bytes_total",
                "ingest_upload_latency_seconds_bucket{", "kafka_producer_");
    }

    @Test
    void aServiceThatCannotReachKafkaAnswers503AndIsNotReady(@TempDir Path dir) throws Exception {
        int closedPort;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        IngestSettings unreachable = settings.withBlobDir(dir)
                .withBootstrapServers("127.0.0.1:" + closedPort);
        try (IngestService cutOff = IngestService.start(unreachable, catalog)) {
            byte[] clip = TestClips.mp4(1_000, 15);
            Response response = new UploadClient(cutOff.baseUri()).put(VEHICLE, UUID.randomUUID(), TOKEN, clip);
            assertThat(response.status()).isEqualTo(503);
            assertThat(response.error()).isEqualTo("unavailable");
            assertThat(response.headers().firstValue("Retry-After")).hasValue("5");
            HttpResponse<String> ready = HTTP.send(HttpRequest.newBuilder(cutOff.managementUri().resolve("/readyz"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(ready.statusCode()).isEqualTo(503);
            assertThat(ready.body()).contains("\"failing\"", "kafka");
        }
    }

    private static Map<String, String> with(Map<String, String> headers, String name, String value) {
        Map<String, String> copy = new java.util.LinkedHashMap<>(headers);
        copy.put(name, value);
        return copy;
    }

    private static List<Path> tempFiles() throws java.io.IOException {
        try (Stream<Path> files = Files.list(service.blobStore().tempDir())) {
            return files.toList();
        }
    }
}
