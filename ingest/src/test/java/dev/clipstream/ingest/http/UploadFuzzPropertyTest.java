package dev.clipstream.ingest.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clipstream.ingest.testing.InProcessIngest;
import dev.clipstream.ingest.testing.TestClips;
import dev.clipstream.ingest.testing.UploadClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Fuzzes the metadata and headers of uploads against the real HTTP server (recording publisher, no Kafka): no
 * input gives a 5xx; a refused upload publishes nothing and leaves no temp file and no blob; an accepted one
 * publishes exactly one event.
 */
class UploadFuzzPropertyTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> FIELDS = List.of("camera", "captureStart", "captureEnd", "durationMillis",
            "resolution", "framesPerSecond", "codec", "triggerId", "campaignIds", "location", "speed",
            "firmwareVersion", "privacy");
    private static Path dir;
    private static InProcessIngest ingest;

    @BeforeContainer
    static void start() throws IOException {
        dir = Files.createTempDirectory("ingest-fuzz-");
        ingest = new InProcessIngest(dir, settings -> settings.withMaxClipBytes(64 * 1024));
    }

    @AfterContainer
    static void stop() throws IOException {
        ingest.close();
        try (var files = Files.walk(dir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    @Property(tries = 150)
    void mutatedMetadataIsNever5xxAndRefusalsLeaveNothing(@ForAll("mutatedMetadata") String metadataJson) {
        byte[] clip = TestClips.mp4(512, metadataJson.hashCode());
        Map<String, String> headers = UploadClient.validHeaders(InProcessIngest.TOKEN, clip);
        headers.put("Clip-Metadata", TestClips.encode(metadataJson));
        checkOutcome(headers, clip);
    }

    @Property(tries = 100)
    void fuzzedHeadersAreNever5xxAndRefusalsLeaveNothing(@ForAll("headerName") String name,
                                                        @ForAll("headerValue") String value) {
        byte[] clip = TestClips.mp4(512, (name + value).hashCode());
        Map<String, String> headers = UploadClient.validHeaders(InProcessIngest.TOKEN, clip);
        headers.put(name, value);
        UploadClient.Response response = checkOutcome(headers, clip);
        assertThat(response.status()).as("header %s: %s", name, value).isBetween(400, 499);
    }

    private static UploadClient.Response checkOutcome(Map<String, String> headers, byte[] clip) {
        int eventsBefore = ingest.publisher.events.size();
        int blobsBefore = ingest.blobFiles().size();

        UploadClient.Response response = ingest.client.put(InProcessIngest.VEHICLE, UUID.randomUUID().toString(),
                headers, clip);

        assertThat(response.status()).as("%s", response.body()).isLessThan(500);
        if (response.status() >= 400) {
            assertThat(response.body().path("error").asText()).isNotBlank();
            assertThat(response.body().path("message").asText()).isNotBlank();
            assertThat(ingest.publisher.events).hasSize(eventsBefore);
            assertThat(ingest.blobFiles()).hasSize(blobsBefore);
        } else {
            assertThat(response.status()).isEqualTo(201);
            assertThat(ingest.publisher.events).hasSize(eventsBefore + 1);
        }
        assertThat(ingest.tempFiles()).isEmpty();
        return response;
    }

    @Provide
    Arbitrary<String> mutatedMetadata() {
        Arbitrary<String> structured = Combinators.combine(Arbitraries.of(FIELDS), oddValues(),
                        Arbitraries.of("replace", "remove", "nest"))
                .as(UploadFuzzPropertyTest::mutate);
        Arbitrary<String> garbage = Arbitraries.strings().all().ofMaxLength(200);
        Arbitrary<String> truncated = Arbitraries.integers().between(0, TestClips.METADATA_JSON.length() - 1)
                .map(end -> TestClips.METADATA_JSON.substring(0, end));
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, structured),
                net.jqwik.api.Tuple.of(2, garbage),
                net.jqwik.api.Tuple.of(2, truncated));
    }

    private static Arbitrary<JsonNode> oddValues() {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        return Arbitraries.oneOf(
                Arbitraries.just(nodes.nullNode()),
                Arbitraries.strings().all().ofMaxLength(40).map(nodes::textNode),
                Arbitraries.strings().withChars('x', '\u00e9', '\u4e2d').ofLength(5_000).map(nodes::textNode),
                Arbitraries.longs().map(nodes::numberNode),
                Arbitraries.doubles().map(nodes::numberNode),
                Arbitraries.bigIntegers().between(java.math.BigInteger.TEN.pow(30), java.math.BigInteger.TEN.pow(60))
                        .map(nodes::numberNode),
                Arbitraries.of(true, false).map(nodes::booleanNode),
                Arbitraries.just(nodes.arrayNode().add(1).add("two").addNull()),
                Arbitraries.just(nodes.objectNode().put("width", -1).putNull("height")),
                Arbitraries.of("FRONT_MAIN", "H265", "front_main", "UNKNOWN", "\ud83d\ude97").map(nodes::textNode));
    }

    private static String mutate(String field, JsonNode value, String how) {
        try {
            ObjectNode root = (ObjectNode) JSON.readTree(TestClips.METADATA_JSON);
            switch (how) {
                case "remove" -> root.remove(field);
                case "nest" -> {
                    JsonNode target = root.get(field);
                    if (target instanceof ObjectNode object) {
                        object.set(object.fieldNames().next(), value);
                    } else {
                        root.set(field, value);
                    }
                }
                default -> root.set(field, value);
            }
            return JSON.writeValueAsString(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Provide
    Arbitrary<String> headerName() {
        return Arbitraries.of("Clip-Sha256", "Content-Type", "Clip-Metadata", "Authorization");
    }

    @Provide
    Arbitrary<String> headerValue() {
        // Printable ASCII: the JDK client refuses to send anything else in a header.
        Arbitrary<String> printable = Arbitraries.strings().withCharRange(' ', '~').ofMinLength(1).ofMaxLength(100)
                .map(String::trim).filter(s -> !s.isEmpty());
        Arbitrary<String> longValue = Arbitraries.strings().withCharRange('a', 'f').ofLength(20_000);
        Arbitrary<String> nearMiss = Arbitraries.of("video/mp", "video/mp4x", "Bearer", "Bearer  ",
                "0".repeat(63), "0".repeat(65), "g".repeat(64), "{}", "e30", "bnVsbA", "W10");
        return Arbitraries.oneOf(printable, longValue, nearMiss);
    }
}
