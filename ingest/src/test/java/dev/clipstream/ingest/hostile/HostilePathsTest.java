package dev.clipstream.ingest.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clipstream.ingest.testing.InProcessIngest;
import dev.clipstream.ingest.testing.RawHttp;
import dev.clipstream.ingest.testing.TestClips;
import dev.clipstream.ingest.testing.UploadClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Path traversal and its encoded variants in every id of the upload path (vehicleId and clipId), for PUT and GET,
 * sent over a raw socket so that no client library normalises them: every answer is a 4xx with the API's JSON error
 * body, and nothing is written (no event, no blob, no temp file, no file outside the blob store).
 */
class HostilePathsTest {

    /** Raw path segments as they go on the wire. */
    static final List<String> HOSTILE_IDS = List.of(
            "..", ".", "%2e%2e", "%2E%2E", ".%2e", "%2e.", "..%2f..%2fetc%2fpasswd", "%2F", "%2f..%2f",
            "%252F", "%252e%252e", "%5C", "..%5C..%5Cwindows", "%00", "veh-00001%00", "%00..",
            "%E2%80%A4%E2%80%A4", "%EF%BC%8E%EF%BC%8E", "%C0%AE%C0%AE", "%C0%AF", "%E0%80%AE", "%C1%9C",
            "%u002e%u002e", "%2e%2e%5c", "veh-00001%2f..", "veh-00001;..", "..;", "%3B", "veh-00001%20",
            "%20", "a".repeat(65), "b".repeat(5_000), "1".repeat(40_000), "1HGCM82633A004352",
            "3f2c8a4e-0d7b-4c55-9d0e-8a1f6b2f9c4%2e", "%253f2c8a4e-0d7b-4c55-9d0e-8a1f6b2f9c41");
    /** Hostile full paths (traversal with literal slashes and backslashes, which do not match one segment). */
    static final List<String> HOSTILE_PATHS = List.of(
            "/v1/vehicles/../../../etc/passwd",
            "/v1/vehicles/veh-00001/clips/../../../../tmp/x",
            "/v1/vehicles/veh-00001/clips/..\\..\\x",
            "/v1/vehicles/veh-00001\\..\\veh-00002/clips/" + UUID.randomUUID(),
            "/v1/vehicles/veh-00001/clips/%2e%2e/%2e%2e/x",
            "/v1/vehicles//clips/" + UUID.randomUUID(),
            "/v1/vehicles/veh-00001/clips/",
            "/v1/vehicles/veh-00001/clips/" + UUID.randomUUID() + "/..",
            "/v1/vehicles/veh-00001/clips/" + UUID.randomUUID() + "%2f..",
            "/v1/%2e%2e/v1/vehicles/veh-00001/clips/" + UUID.randomUUID(),
            "//v1/vehicles/veh-00001/clips/" + UUID.randomUUID());

    private static Path dir;
    private static Path outside;
    private static InProcessIngest ingest;
    private static final byte[] CLIP = TestClips.mp4(1_000, 42);

    @BeforeAll
    static void start() throws IOException {
        dir = Files.createTempDirectory("ingest-hostile-paths-");
        outside = Files.createTempDirectory("ingest-hostile-outside-");
        ingest = new InProcessIngest(dir.resolve("blobs"), settings -> settings.withMaxClipBytes(64 * 1024));
    }

    @AfterAll
    static void stop() throws IOException {
        ingest.close();
        for (Path root : List.of(dir, outside)) {
            try (Stream<Path> files = Files.walk(root)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
        }
    }

    record Case(String method, String path, String what) {
        @Override
        public String toString() {
            String shown = path.length() > 100 ? path.substring(0, 100) + "...(" + path.length() + ")" : path;
            return method + " " + shown + " (" + what + ")";
        }
    }

    static Stream<Case> cases() {
        List<Case> cases = new ArrayList<>();
        String validClip = UUID.randomUUID().toString();
        for (String method : List.of("PUT", "GET")) {
            for (String id : HOSTILE_IDS) {
                cases.add(new Case(method, "/v1/vehicles/" + id + "/clips/" + validClip, "vehicleId"));
                cases.add(new Case(method, "/v1/vehicles/" + InProcessIngest.VEHICLE + "/clips/" + id, "clipId"));
            }
            for (String path : HOSTILE_PATHS) {
                cases.add(new Case(method, path, "path"));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("cases")
    void everyHostileIdIsAJson4xxAndWritesNothing(Case testCase) throws IOException {
        Map<String, String> headers = new LinkedHashMap<>(UploadClient.validHeaders(InProcessIngest.TOKEN, CLIP));
        headers.put("Connection", "close");
        boolean put = testCase.method().equals("PUT");
        if (put) {
            headers.put("Content-Length", Integer.toString(CLIP.length));
        }
        RawHttp.Response response;
        try (RawHttp http = new RawHttp(ingest.server.baseUri(), Duration.ofSeconds(10))) {
            http.send(RawHttp.head(testCase.method(), testCase.path(), ingest.server.baseUri(), headers));
            if (put) {
                http.send(CLIP);
            }
            response = http.read();
        }

        assertThat(response.status()).as("%s -> %s", testCase, response).isBetween(400, 499);
        assertThat(response.isJsonError()).as("%s -> JSON error body: %s", testCase, response).isTrue();
        assertThat(ingest.publisher.events).as("%s: events", testCase).isEmpty();
        assertThat(ingest.blobFiles()).as("%s: blobs", testCase).isEmpty();
        assertThat(ingest.tempFiles()).as("%s: temp files", testCase).isEmpty();
        try (Stream<Path> files = Files.walk(dir)) {
            assertThat(files.filter(Files::isRegularFile).toList()).as("%s: files under the data dir", testCase)
                    .isEmpty();
        }
        try (Stream<Path> files = Files.list(outside)) {
            assertThat(files.toList()).as("%s: files outside", testCase).isEmpty();
        }
    }
}
