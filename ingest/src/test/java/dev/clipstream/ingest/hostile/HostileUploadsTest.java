package dev.clipstream.ingest.hostile;

import static dev.clipstream.ingest.testing.InProcessIngest.OTHER_TOKEN;
import static dev.clipstream.ingest.testing.InProcessIngest.OTHER_VEHICLE;
import static dev.clipstream.ingest.testing.InProcessIngest.TOKEN;
import static dev.clipstream.ingest.testing.InProcessIngest.VEHICLE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.clipstream.ingest.testing.InProcessIngest;
import dev.clipstream.ingest.testing.RawHttp;
import dev.clipstream.ingest.testing.TestClips;
import dev.clipstream.ingest.testing.UploadClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Tokens (missing, malformed, wrong, another vehicle's), oversize bodies with and without Content-Length, and
 * oversized headers, over raw sockets: every refusal is a JSON 4xx, nothing is written, and a large refused body is
 * not read (the connection is closed long before the declared length went over the wire).
 */
class HostileUploadsTest {

    private static final long MAX_CLIP_BYTES = 64 * 1024;

    @TempDir
    Path dir;

    private InProcessIngest ingest;

    @BeforeEach
    void start() {
        ingest = new InProcessIngest(dir, settings -> settings.withMaxClipBytes(MAX_CLIP_BYTES));
    }

    @AfterEach
    void stop() {
        ingest.close();
    }

    private RawHttp.Response put(String vehicle, String clipId, Map<String, String> headers, byte[] body) {
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.putIfAbsent("Content-Length", Integer.toString(body.length));
        all.put("Connection", "close");
        try (RawHttp http = new RawHttp(ingest.server.baseUri(), Duration.ofSeconds(10))) {
            http.send(RawHttp.head("PUT", "/v1/vehicles/" + vehicle + "/clips/" + clipId, ingest.server.baseUri(),
                    all));
            http.send(body);
            return http.read();
        }
    }

    private void assertNothingWritten(String what) {
        assertThat(ingest.publisher.events).as("%s: events", what).isEmpty();
        assertThat(ingest.blobFiles()).as("%s: blobs", what).isEmpty();
        assertThat(ingest.tempFiles()).as("%s: temp files", what).isEmpty();
    }

    @Test
    void missingMalformedAndWrongTokensAre401AndAnotherVehiclesTokenIs403() {
        byte[] clip = TestClips.mp4(1_000, 1);
        Map<String, String> valid = UploadClient.validHeaders(TOKEN, clip);
        Map<String, Integer> expected = new LinkedHashMap<>();
        expected.put(null, 401);
        expected.put("", 401);
        expected.put("Bearer", 401);
        expected.put("Bearer ", 401);
        expected.put("Bearer     ", 401);
        expected.put("Basic " + java.util.Base64.getEncoder().encodeToString((VEHICLE + ":" + TOKEN).getBytes()), 401);
        expected.put(TOKEN, 401);
        expected.put("Bearer " + TOKEN + "x", 401);
        expected.put("Bearer " + TOKEN.toUpperCase(), 401);
        expected.put("Bearer " + TOKEN.substring(1), 401);
        expected.put("Bearer " + "x".repeat(600), 401);
        expected.put("Bearer " + TOKEN + "," + OTHER_TOKEN, 401);
        expected.put("Bearer " + OTHER_TOKEN, 403);
        expected.put("bearer " + OTHER_TOKEN, 403);
        for (Map.Entry<String, Integer> entry : expected.entrySet()) {
            Map<String, String> headers = new LinkedHashMap<>(valid);
            if (entry.getKey() == null) {
                headers.remove("Authorization");
            } else {
                headers.put("Authorization", entry.getKey());
            }
            String shown = entry.getKey() == null ? "(no Authorization)" : entry.getKey();
            RawHttp.Response put = put(VEHICLE, UUID.randomUUID().toString(), headers, clip);
            assertThat(put.status()).as("PUT with %s: %s", shown, put).isEqualTo(entry.getValue());
            assertThat(put.isJsonError()).as("PUT with %s: %s", shown, put).isTrue();
            assertThat(put.json().path("error").asText()).isEqualTo(entry.getValue() == 401 ? "unauthorized" : "forbidden");
            if (entry.getValue() == 401) {
                assertThat(put.headers().get("www-authenticate")).as("PUT with %s", shown).startsWith("Bearer");
            }
            assertThat(put.body()).as("the answer never echoes a token").doesNotContain(TOKEN, OTHER_TOKEN);
        }
        assertNothingWritten("token checks");
    }

    @Test
    void aVehicleCannotReadOrOverwriteAnotherVehiclesClip() {
        byte[] clip = TestClips.mp4(1_000, 2);
        UUID clipId = UUID.randomUUID();
        assertThat(ingest.client.put(OTHER_VEHICLE, clipId, OTHER_TOKEN, clip).status()).isEqualTo(201);

        UploadClient.Response read = ingest.client.get(OTHER_VEHICLE, clipId.toString(), TOKEN);
        UploadClient.Response readViaOwnPath = ingest.client.get(VEHICLE, clipId.toString(), TOKEN);
        UploadClient.Response overwrite = ingest.client.put(OTHER_VEHICLE, clipId, TOKEN, TestClips.mp4(1_000, 3));
        UploadClient.Response claim = ingest.client.put(VEHICLE, clipId, TOKEN, clip);
        UploadClient.Response noToken = ingest.client.get(OTHER_VEHICLE, clipId.toString(), null);

        assertThat(read.status()).isEqualTo(403);
        assertThat(readViaOwnPath.status()).as("another vehicle's clip is not found under one's own id").isEqualTo(404);
        assertThat(overwrite.status()).isEqualTo(403);
        assertThat(claim.status()).as("same clip id and bytes from another vehicle").isEqualTo(409);
        assertThat(noToken.status()).isEqualTo(401);
        assertThat(ingest.publisher.events).hasSize(1);
        assertThat(ingest.blobFiles()).hasSize(1);
    }

    @Test
    void aDeclaredOversizeBodyIs413AndTheConnectionClosesWithoutReadingIt() {
        long declared = 256L * 1024 * 1024;
        byte[] clip = TestClips.mp4(1_000, 4);
        Map<String, String> headers = new LinkedHashMap<>(UploadClient.validHeaders(TOKEN, clip));
        headers.put("Content-Length", Long.toString(declared));
        try (RawHttp http = new RawHttp(ingest.server.baseUri(), Duration.ofSeconds(10))) {
            http.send(RawHttp.head("PUT", "/v1/vehicles/" + VEHICLE + "/clips/" + UUID.randomUUID(),
                    ingest.server.baseUri(), headers));
            byte[] chunk = new byte[64 * 1024];
            System.arraycopy(clip, 0, chunk, 0, clip.length);
            boolean open = true;
            while (open && http.bytesSent() < declared) {
                open = http.send(chunk);
            }
            RawHttp.Response response = http.read();
            LoggerFactory.getLogger(HostileUploadsTest.class).info("Oversize upload (Content-Length {}): connection "
                    + "closed after {} bytes were sent; answer {}", declared, http.bytesSent(), response.status());

            assertThat(open).as("the server closed the connection before %d bytes were sent (sent %d)", declared,
                    http.bytesSent()).isFalse();
            assertThat(http.bytesSent()).as("bytes the client got onto the wire").isLessThan(declared / 4);
            // A client still sending may see a reset instead of the answer (documented); when it arrives it is JSON.
            if (response.status() > 0) {
                assertThat(response.status()).as(response.toString()).isEqualTo(413);
                assertThat(response.isJsonError()).as(response.toString()).isTrue();
            }
        }
        assertNothingWritten("oversize with Content-Length");
    }

    @Test
    void anOversizeBodyUnderASmallContentLengthIsCutAtTheDeclaredLength() {
        // The server reads exactly Content-Length bytes and stores those; what follows is not part of the clip.
        byte[] clip = TestClips.mp4(1_000, 5);
        byte[] body = new byte[clip.length + 200_000];
        System.arraycopy(clip, 0, body, 0, clip.length);
        Map<String, String> headers = new LinkedHashMap<>(UploadClient.validHeaders(TOKEN, clip));
        headers.put("Content-Length", Integer.toString(clip.length));
        try (RawHttp http = new RawHttp(ingest.server.baseUri(), Duration.ofSeconds(10))) {
            http.send(RawHttp.head("PUT", "/v1/vehicles/" + VEHICLE + "/clips/" + UUID.randomUUID(),
                    ingest.server.baseUri(), headers));
            http.send(body);
            RawHttp.Response first = http.read();
            assertThat(first.status()).as(first.toString()).isEqualTo(201);
        }
        assertThat(ingest.publisher.events).hasSize(1);
        assertThat(ingest.publisher.events.get(0).getByteSize()).isEqualTo(clip.length);
        assertThat(ingest.tempFiles()).isEmpty();
    }

    @Test
    void aChunkedBodyIs411AndALargeOneIsNotRead() {
        byte[] clip = TestClips.mp4(1_000, 6);
        Map<String, String> headers = new LinkedHashMap<>(UploadClient.validHeaders(TOKEN, clip));
        headers.put("Transfer-Encoding", "chunked");
        try (RawHttp http = new RawHttp(ingest.server.baseUri(), Duration.ofSeconds(10))) {
            http.send(RawHttp.head("PUT", "/v1/vehicles/" + VEHICLE + "/clips/" + UUID.randomUUID(),
                    ingest.server.baseUri(), headers));
            byte[] chunk = new byte[64 * 1024];
            byte[] chunkHead = (Integer.toHexString(chunk.length) + "\r\n").getBytes();
            long limit = 256L * 1024 * 1024;
            boolean open = true;
            while (open && http.bytesSent() < limit) {
                open = http.send(chunkHead) && http.send(chunk) && http.send("\r\n".getBytes());
            }
            RawHttp.Response response = http.read();
            LoggerFactory.getLogger(HostileUploadsTest.class).info("Large chunked upload: connection closed after {} "
                    + "bytes were sent; answer {}", http.bytesSent(), response.status());
            assertThat(open).as("closed before %d chunked bytes (sent %d)", limit, http.bytesSent()).isFalse();
            if (response.status() > 0) {
                assertThat(response.status()).as(response.toString()).isEqualTo(411);
                assertThat(response.json().path("error").asText()).as(response.toString()).isEqualTo("length-required");
            }
        }
        // A small chunked body gets its 411 answer for sure.
        RawHttp.Response small;
        try (RawHttp http = new RawHttp(ingest.server.baseUri(), Duration.ofSeconds(10))) {
            http.send(RawHttp.head("PUT", "/v1/vehicles/" + VEHICLE + "/clips/" + UUID.randomUUID(),
                    ingest.server.baseUri(), headers));
            http.send((Integer.toHexString(clip.length) + "\r\n").getBytes());
            http.send(clip);
            http.send("\r\n0\r\n\r\n".getBytes());
            small = http.read();
        }
        assertThat(small.status()).as(small.toString()).isEqualTo(411);
        assertThat(small.isJsonError()).isTrue();
        assertNothingWritten("chunked");
    }

    @Test
    void bothContentLengthAndChunkedOrTwoLengthsAreRefused() {
        byte[] clip = TestClips.mp4(1_000, 7);
        Map<String, String> both = new LinkedHashMap<>(UploadClient.validHeaders(TOKEN, clip));
        both.put("Content-Length", Integer.toString(clip.length));
        both.put("Transfer-Encoding", "chunked");
        RawHttp.Response smuggled = put(VEHICLE, UUID.randomUUID().toString(), both, clip);
        assertThat(smuggled.status()).as(smuggled.toString()).isBetween(400, 499);
        assertThat(smuggled.isJsonError()).as(smuggled.toString()).isTrue();

        Map<String, String> negative = new LinkedHashMap<>(UploadClient.validHeaders(TOKEN, clip));
        negative.put("Content-Length", "-1");
        RawHttp.Response minus = put(VEHICLE, UUID.randomUUID().toString(), negative, clip);
        assertThat(minus.status()).as(minus.toString()).isBetween(400, 499);
        assertThat(minus.isJsonError()).as(minus.toString()).isTrue();
        assertNothingWritten("conflicting lengths");
    }

    @Test
    void oversizedHeadersAre431InTheJsonFormat() {
        byte[] clip = TestClips.mp4(1_000, 8);
        for (String header : List.of("Clip-Metadata", "X-Padding")) {
            Map<String, String> headers = new LinkedHashMap<>(UploadClient.validHeaders(TOKEN, clip));
            headers.put(header, "A".repeat(70 * 1024));
            RawHttp.Response response = put(VEHICLE, UUID.randomUUID().toString(), headers, clip);
            assertThat(response.status()).as("%s: %s", header, response).isEqualTo(431);
            assertThat(response.isJsonError()).as("%s: %s", header, response).isTrue();
            assertThat(response.json().path("error").asText()).isEqualTo("headers-too-large");
        }
        assertNothingWritten("oversized headers");
    }

    @Test
    void aTooLongRequestLineIsAJson4xx() {
        byte[] clip = TestClips.mp4(1_000, 9);
        RawHttp.Response response = put("v".repeat(100_000), UUID.randomUUID().toString(),
                UploadClient.validHeaders(TOKEN, clip), clip);
        assertThat(response.status()).as(response.toString()).isIn(414, 431);
        assertThat(response.isJsonError()).as(response.toString()).isTrue();
        assertNothingWritten("long request line");
    }
}
