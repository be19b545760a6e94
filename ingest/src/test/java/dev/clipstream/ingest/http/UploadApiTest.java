package dev.clipstream.ingest.http;

import static dev.clipstream.ingest.testing.InProcessIngest.OTHER_TOKEN;
import static dev.clipstream.ingest.testing.InProcessIngest.OTHER_VEHICLE;
import static dev.clipstream.ingest.testing.InProcessIngest.TOKEN;
import static dev.clipstream.ingest.testing.InProcessIngest.VEHICLE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.clipstream.ingest.blob.Sha256;
import dev.clipstream.ingest.testing.InProcessIngest;
import dev.clipstream.ingest.testing.TestClips;
import dev.clipstream.ingest.testing.UploadClient;
import dev.clipstream.ingest.testing.UploadClient.Response;
import dev.clipstream.schemas.avro.Camera;
import dev.clipstream.schemas.avro.ClipUploaded;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every answer of the upload API over real HTTP, with a recording publisher instead of Kafka. */
class UploadApiTest {

    @TempDir
    Path dir;

    private InProcessIngest ingest;

    private InProcessIngest start() {
        ingest = new InProcessIngest(dir, settings -> settings.withMaxClipBytes(64 * 1024));
        return ingest;
    }

    @AfterEach
    void stop() {
        if (ingest != null) {
            ingest.close();
        }
    }

    @Test
    void acceptsAClipStoresItsBytesAndPublishesOneEvent() throws Exception {
        start();
        byte[] clip = TestClips.mp4(10_000, 1);
        UUID clipId = UUID.randomUUID();

        Response response = ingest.client.put(VEHICLE, clipId, TOKEN, clip);

        assertThat(response.status()).as(response.body().toString()).isEqualTo(201);
        assertThat(response.headers().firstValue("Location")).hasValue("/v1/vehicles/" + VEHICLE + "/clips/" + clipId);
        String sha = Sha256.hexOf(clip);
        assertThat(response.body().path("status").asText()).isEqualTo("accepted");
        assertThat(response.body().path("sha256").asText()).isEqualTo(sha);
        assertThat(response.body().path("sizeBytes").asLong()).isEqualTo(clip.length);
        assertThat(response.body().path("blobUri").asText()).isEqualTo("blob://clips/sha256/" + sha.substring(0, 2) + "/" + sha);
        assertThat(Files.readAllBytes(ingest.blobStore.pathOf(sha))).isEqualTo(clip);
        assertThat(ingest.publisher.events).hasSize(1);
        ClipUploaded event = ingest.publisher.events.get(0);
        assertThat(event.getClipId()).isEqualTo(clipId);
        assertThat(event.getVehicleId()).isEqualTo(VEHICLE);
        assertThat(event.getCamera()).isEqualTo(Camera.FRONT_MAIN);
        assertThat(event.getByteSize()).isEqualTo(clip.length);
        assertThat(event.getCampaignIds()).containsExactly("night-rain");
        assertThat(event.getPrivacy().getBlurModelVersion()).isEqualTo("blur-2026.10.1");
        assertThat(ingest.tempFiles()).isEmpty();

        Response status = ingest.client.get(VEHICLE, clipId.toString(), TOKEN);
        assertThat(status.status()).isEqualTo(200);
        assertThat(status.body().path("acceptedAt").asText()).isEqualTo(response.body().path("acceptedAt").asText());
    }

    @Test
    void aRetryWithTheSameContentIs200WithoutASecondEventAndOtherContentIs409() {
        start();
        byte[] clip = TestClips.mp4(5_000, 2);
        UUID clipId = UUID.randomUUID();
        Response first = ingest.client.put(VEHICLE, clipId, TOKEN, clip);
        Response again = ingest.client.put(VEHICLE, clipId, TOKEN, clip);
        Response other = ingest.client.put(VEHICLE, clipId, TOKEN, TestClips.mp4(5_000, 3));

        assertThat(first.status()).isEqualTo(201);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.body().path("status").asText()).isEqualTo("already-accepted");
        assertThat(again.body().path("acceptedAt")).isEqualTo(first.body().path("acceptedAt"));
        assertThat(other.status()).isEqualTo(409);
        assertThat(other.error()).isEqualTo("clip-conflict");
        assertThat(ingest.publisher.events).hasSize(1);
    }

    @Test
    void authenticationFailuresAre401And403() {
        start();
        byte[] clip = TestClips.mp4(1_000, 4);
        Map<String, String> noToken = UploadClient.validHeaders(TOKEN, clip);
        noToken.remove("Authorization");
        Response missing = ingest.client.put(VEHICLE, UUID.randomUUID().toString(), noToken, clip);
        Response wrong = ingest.client.put(VEHICLE, UUID.randomUUID(), "not-a-token", clip);
        Response otherVehicle = ingest.client.put(VEHICLE, UUID.randomUUID(), OTHER_TOKEN, clip);
        Response getOther = ingest.client.get(OTHER_VEHICLE, UUID.randomUUID().toString(), TOKEN);

        assertThat(missing.status()).isEqualTo(401);
        assertThat(missing.error()).isEqualTo("unauthorized");
        assertThat(missing.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(otherVehicle.status()).isEqualTo(403);
        assertThat(otherVehicle.error()).isEqualTo("forbidden");
        assertThat(getOther.status()).isEqualTo(403);
        assertThat(ingest.publisher.events).isEmpty();
    }

    @Test
    void malformedIdsAre400() {
        start();
        byte[] clip = TestClips.mp4(1_000, 5);
        assertThat(ingest.client.put("veh.00001", UUID.randomUUID(), TOKEN, clip).error()).isEqualTo("invalid-id");
        assertThat(ingest.client.put("v".repeat(65), UUID.randomUUID(), TOKEN, clip).status()).isEqualTo(400);
        assertThat(ingest.client.put(VEHICLE, "not-a-uuid", UploadClient.validHeaders(TOKEN, clip), clip).error())
                .isEqualTo("invalid-id");
        assertThat(ingest.client.put(VEHICLE, UUID.randomUUID().toString().toUpperCase(),
                UploadClient.validHeaders(TOKEN, clip), clip).status()).isEqualTo(400);
        assertThat(ingest.client.put(VEHICLE, "%2e%2e", UploadClient.validHeaders(TOKEN, clip), clip).status())
                .isBetween(400, 499);
        assertThat(ingest.publisher.events).isEmpty();
    }

    @Test
    void headerProblemsAreRefusedBeforeTheBodyIsRead() {
        start();
        byte[] clip = TestClips.mp4(1_000, 6);
        Map<String, String> text = UploadClient.validHeaders(TOKEN, clip);
        text.put("Content-Type", "text/plain");
        Map<String, String> badDigest = UploadClient.validHeaders(TOKEN, clip);
        badDigest.put("Clip-Sha256", "ABC");
        Map<String, String> badMetadata = UploadClient.validHeaders(TOKEN, clip);
        badMetadata.put("Clip-Metadata", TestClips.encode("{\"camera\":\"MOON\",\"durationMillis\":\"long\"}"));

        assertThat(ingest.client.put(VEHICLE, UUID.randomUUID().toString(), text, clip).status()).isEqualTo(415);
        Response digest = ingest.client.put(VEHICLE, UUID.randomUUID().toString(), badDigest, clip);
        assertThat(digest.status()).isEqualTo(400);
        assertThat(digest.error()).isEqualTo("invalid-digest-header");
        Response metadata = ingest.client.put(VEHICLE, UUID.randomUUID().toString(), badMetadata, clip);
        assertThat(metadata.status()).isEqualTo(400);
        assertThat(metadata.error()).isEqualTo("invalid-metadata");
        assertThat(metadata.body().path("fields").findValuesAsText("field"))
                .contains("camera", "durationMillis", "captureStart", "resolution", "location.minLatitude"
                        .substring(0, 8));
        assertThat(ingest.publisher.events).isEmpty();
        assertThat(ingest.tempFiles()).isEmpty();
    }

    @Test
    void bodyProblemsAre413_415_422AndLeaveNoFile() {
        start();
        byte[] tooBig = TestClips.mp4(70 * 1024, 7);
        Response large = ingest.client.put(VEHICLE, UUID.randomUUID(), TOKEN, tooBig);
        byte[] notVideo = "plain text, not a video container".getBytes();
        Response sniffed = ingest.client.put(VEHICLE, UUID.randomUUID(), TOKEN, notVideo);
        byte[] webm = TestClips.webm(1_000, 8);
        Response mismatchedType = ingest.client.put(VEHICLE, UUID.randomUUID(), TOKEN, webm);
        byte[] clip = TestClips.mp4(1_000, 9);
        Map<String, String> wrongDigest = UploadClient.validHeaders(TOKEN, clip);
        wrongDigest.put("Clip-Sha256", Sha256.hexOf("something else"));
        Response digest = ingest.client.put(VEHICLE, UUID.randomUUID().toString(), wrongDigest, clip);

        assertThat(large.status()).isEqualTo(413);
        assertThat(large.error()).isEqualTo("too-large");
        assertThat(sniffed.status()).isEqualTo(415);
        assertThat(sniffed.body().path("message").asText()).contains("not a video container");
        assertThat(mismatchedType.status()).isEqualTo(415);
        assertThat(digest.status()).isEqualTo(422);
        assertThat(digest.error()).isEqualTo("digest-mismatch");
        assertThat(ingest.publisher.events).isEmpty();
        assertThat(ingest.tempFiles()).isEmpty();
        assertThat(ingest.blobFiles()).isEmpty();
    }

    @Test
    void webmDeclaredAsWebmIsAccepted() {
        start();
        byte[] webm = TestClips.webm(1_000, 10);
        Map<String, String> headers = UploadClient.validHeaders(TOKEN, webm);
        headers.put("Content-Type", "video/webm");
        assertThat(ingest.client.put(VEHICLE, UUID.randomUUID().toString(), headers, webm).status()).isEqualTo(201);
    }

    @Test
    void chunkedBodyIs411() {
        start();
        byte[] clip = TestClips.mp4(1_000, 11);
        HttpRequest.Builder request = HttpRequest.newBuilder(ingest.client.clipUri(VEHICLE, UUID.randomUUID().toString()))
                .PUT(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(clip)));
        UploadClient.validHeaders(TOKEN, clip).forEach(request::header);
        Response response = ingest.client.send(request.build());
        assertThat(response.status()).isEqualTo(411);
        assertThat(response.error()).isEqualTo("length-required");
    }

    @Test
    void aFailingPublisherIs503WithRetryAfterAndTheRetrySucceedsLater() {
        start();
        byte[] clip = TestClips.mp4(1_000, 12);
        UUID clipId = UUID.randomUUID();
        ingest.publisher.failing = true;
        Response down = ingest.client.put(VEHICLE, clipId, TOKEN, clip);
        assertThat(down.status()).isEqualTo(503);
        assertThat(down.error()).isEqualTo("unavailable");
        assertThat(down.headers().firstValue("Retry-After")).hasValue("5");
        assertThat(ingest.client.get(VEHICLE, clipId.toString(), TOKEN).status()).isEqualTo(404);

        ingest.publisher.failing = false;
        assertThat(ingest.client.put(VEHICLE, clipId, TOKEN, clip).status()).isEqualTo(201);
        assertThat(ingest.publisher.events).hasSize(1);
    }

    @Test
    void unknownRoutesAndMethodsAreJson4xx() {
        start();
        Response unknown = ingest.client.send(HttpRequest.newBuilder(ingest.server.baseUri().resolve("/v2/nothing"))
                .GET().build());
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.error()).isEqualTo("not-found");
        Response delete = ingest.client.send(HttpRequest.newBuilder(
                ingest.client.clipUri(VEHICLE, UUID.randomUUID().toString())).DELETE().build());
        assertThat(delete.status()).isEqualTo(405);
        assertThat(delete.error()).isEqualTo("method-not-allowed");
    }

    @Test
    void rateLimitIs429WithRetryAfter(@TempDir Path otherDir) {
        ingest = new InProcessIngest(otherDir, settings -> settings.withRateLimit(0.01, 2));
        byte[] clip = TestClips.mp4(1_000, 13);
        assertThat(ingest.client.put(VEHICLE, UUID.randomUUID(), TOKEN, clip).status()).isEqualTo(201);
        assertThat(ingest.client.put(VEHICLE, UUID.randomUUID(), TOKEN, clip).status()).isEqualTo(201);
        Response limited = ingest.client.put(VEHICLE, UUID.randomUUID(), TOKEN, clip);
        assertThat(limited.status()).isEqualTo(429);
        assertThat(limited.error()).isEqualTo("rate-limited");
        assertThat(Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow())).isBetween(1L, 100L);
        assertThat(ingest.client.put(OTHER_VEHICLE, UUID.randomUUID(), OTHER_TOKEN, clip).status()).isEqualTo(201);
    }

    @Test
    void shutdownAnswers503ToNewRequests() {
        start();
        ingest.server.close();
        assertThat(ingest.server.inFlight()).isZero();
        assertThat(Duration.ZERO).isZero();
    }
}
