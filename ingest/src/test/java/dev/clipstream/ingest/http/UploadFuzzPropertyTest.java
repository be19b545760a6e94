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
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.LoggerFactory;

/**
 * Fuzzes the metadata and headers of uploads against the real HTTP server (recording publisher, no Kafka): no
 * input gives a 5xx; a refused upload publishes nothing and leaves no temp file and no blob; an accepted one
 * publishes exactly one event, and that event carries no VIN and only a coarse (0.01 degree) location.
 *
 * <p>Every case is generated from its own seed (derived from a fixed base seed); the seed is in the case name and
 * in the assertion descriptions. Replay one case with {@code -Dingest.fuzz.seed=<seed>}. The number of cases is
 * {@code -Dfuzz.cases} (default 2000, 60 % metadata, 40 % headers); the release profile runs 20000
 * ({@code ./mvnw -B -pl ingest -Prelease test -Dtest=UploadFuzzPropertyTest}).
 */
class UploadFuzzPropertyTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final List<String> FIELDS = List.of("camera", "captureStart", "captureEnd", "durationMillis",
            "resolution", "framesPerSecond", "codec", "triggerId", "campaignIds", "location", "speed",
            "firmwareVersion", "privacy");
    private static final List<String> HEADER_NAMES =
            List.of("Clip-Sha256", "Content-Type", "Clip-Metadata", "Authorization");
    private static final List<String> NEAR_MISSES = List.of("video/mp", "video/mp4x", "Bearer", "Bearer  ",
            "0".repeat(63), "0".repeat(65), "g".repeat(64), "{}", "e30", "bnVsbA", "W10");
    private static final long METADATA_BASE_SEED = 0x5EED_1A9E_57A1L;
    private static final long HEADER_BASE_SEED = 0x5EED_4EAD_E125L;
    private static final String REPLAY_PROPERTY = "ingest.fuzz.seed";
    private static final String CASES_PROPERTY = "fuzz.cases";
    private static final int DEFAULT_CASES = 2000;
    private static final int CASES = Integer.getInteger(CASES_PROPERTY, DEFAULT_CASES);
    private static final int METADATA_CASES = CASES * 3 / 5;
    private static final int HEADER_CASES = CASES - METADATA_CASES;
    /** Looks like a VIN: the fuzzer plants it in strings and unknown fields; it must never reach an event. */
    private static final String VIN = "1HGCM82633A004352";
    private static final List<String> VIN_CARRIERS = List.of(VIN, "vin " + VIN, VIN.toLowerCase(),
            "trigger-" + VIN, VIN + " ", "(" + VIN + ")");

    private static final AtomicInteger ACCEPTED = new AtomicInteger();
    private static final AtomicInteger REFUSED = new AtomicInteger();
    private static Path dir;
    private static InProcessIngest ingest;

    @BeforeAll
    static void start() throws IOException {
        dir = Files.createTempDirectory("ingest-fuzz-");
        ingest = new InProcessIngest(dir, settings -> settings.withMaxClipBytes(64 * 1024));
    }

    @AfterAll
    static void stop() throws IOException {
        LoggerFactory.getLogger(UploadFuzzPropertyTest.class).info(
                "Upload fuzz: {} case(s), {} accepted (201), {} refused (4xx), 0 answered 5xx", ACCEPTED.get()
                        + REFUSED.get(), ACCEPTED.get(), REFUSED.get());
        ingest.close();
        try (var files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
    }

    record MetadataCase(long seed, String metadataJson) {
        @Override
        public String toString() {
            return "seed " + seed + ": " + abbreviate(metadataJson);
        }
    }

    record HeaderCase(long seed, String name, String value) {
        @Override
        public String toString() {
            return "seed " + seed + ": " + name + ": " + abbreviate(value);
        }
    }

    static Stream<MetadataCase> metadataCases() {
        return seeds(METADATA_BASE_SEED, METADATA_CASES).mapToObj(seed -> new MetadataCase(seed,
                mutatedMetadata(new Random(seed))));
    }

    static Stream<HeaderCase> headerCases() {
        return seeds(HEADER_BASE_SEED, HEADER_CASES).mapToObj(seed -> {
            Random random = new Random(seed);
            return new HeaderCase(seed, pick(random, HEADER_NAMES), headerValue(random));
        });
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("metadataCases")
    void mutatedMetadataIsNever5xxAndRefusalsLeaveNothing(MetadataCase testCase) {
        byte[] clip = TestClips.mp4(512, testCase.metadataJson().hashCode());
        Map<String, String> headers = UploadClient.validHeaders(InProcessIngest.TOKEN, clip);
        headers.put("Clip-Metadata", TestClips.encode(testCase.metadataJson()));
        checkOutcome(headers, clip, testCase.seed());
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("headerCases")
    void fuzzedHeadersAreNever5xxAndRefusalsLeaveNothing(HeaderCase testCase) {
        byte[] clip = TestClips.mp4(512, (testCase.name() + testCase.value()).hashCode());
        Map<String, String> headers = UploadClient.validHeaders(InProcessIngest.TOKEN, clip);
        headers.put(testCase.name(), testCase.value());
        UploadClient.Response response = checkOutcome(headers, clip, testCase.seed());
        assertThat(response.status()).as("%s, header %s: %s", replayHint(testCase.seed()), testCase.name(),
                abbreviate(testCase.value())).isBetween(400, 499);
    }

    private static UploadClient.Response checkOutcome(Map<String, String> headers, byte[] clip, long seed) {
        String hint = replayHint(seed);
        int eventsBefore = ingest.publisher.events.size();
        // Content-addressed store and a body unique to the case: "no new blob" is "no blob of this body". (Checked
        // per body instead of walking the store, which grows with every accepted case.)
        Path blob = ingest.blobStore.pathOf(dev.clipstream.ingest.blob.Sha256.hexOf(clip));
        boolean blobBefore = Files.exists(blob);

        UploadClient.Response response = ingest.client.put(InProcessIngest.VEHICLE, UUID.randomUUID().toString(),
                headers, clip);

        assertThat(response.status()).as("%s, body %s", hint, response.body()).isLessThan(500);
        (response.status() >= 400 ? REFUSED : ACCEPTED).incrementAndGet();
        if (response.status() >= 400) {
            assertThat(response.body().path("error").asText()).as("%s, error code", hint).isNotBlank();
            assertThat(response.body().path("message").asText()).as("%s, message", hint).isNotBlank();
            assertThat(ingest.publisher.events).as("%s, events after a refusal", hint).hasSize(eventsBefore);
            assertThat(Files.exists(blob)).as("%s, blob after a refusal", hint).isEqualTo(blobBefore);
        } else {
            assertThat(response.status()).as("%s, success status", hint).isEqualTo(201);
            assertThat(ingest.publisher.events).as("%s, events after an accept", hint).hasSize(eventsBefore + 1);
            var event = ingest.publisher.events.get(eventsBefore);
            assertThat(event.toString()).as("%s, event without a VIN", hint).doesNotContainIgnoringCase(VIN);
            var box = event.getLocation();
            for (double degrees : new double[] {box.getMinLatitude(), box.getMinLongitude(), box.getMaxLatitude(),
                    box.getMaxLongitude()}) {
                assertThat(Math.abs(degrees * 100 - Math.rint(degrees * 100))).as("%s, %s on the 0.01 grid", hint,
                        degrees).isLessThan(1e-6);
            }
        }
        assertThat(ingest.tempFiles()).as("%s, temp files left", hint).isEmpty();
        return response;
    }

    // Generators. Weights follow the old property test: 6 structured mutations : 2 garbage : 2 truncations.

    private static String mutatedMetadata(Random random) {
        int kind = random.nextInt(12);
        if (kind == 10) {
            // Privacy: a VIN in a string field or an unknown field.
            String field = pick(random, List.of("triggerId", "firmwareVersion", "vin", "vehicleIdentificationNumber"));
            return mutate(field, NODES.textNode(pick(random, VIN_CARRIERS)), "replace");
        }
        if (kind == 11) {
            // Privacy: a precise position; accepted, but only as a coarse box.
            try {
                return mutate("location", JSON.readTree(preciseLocation(random)), "replace");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        if (kind < 6) {
            return mutate(pick(random, FIELDS), oddValue(random), pick(random, List.of("replace", "remove", "nest")));
        }
        if (kind < 8) {
            return anyString(random, 200);
        }
        return TestClips.METADATA_JSON.substring(0, random.nextInt(TestClips.METADATA_JSON.length()));
    }

    private static JsonNode oddValue(Random random) {
        return switch (random.nextInt(10)) {
            case 0 -> NODES.nullNode();
            case 1 -> NODES.textNode(anyString(random, 40));
            case 2 -> NODES.textNode(stringOf(random, "x\u00e9\u4e2d", 5_000));
            case 3 -> NODES.numberNode(pickLong(random));
            case 4 -> NODES.numberNode(pickDouble(random));
            case 5 -> NODES.numberNode(BigInteger.TEN.pow(30 + random.nextInt(31))
                    .add(BigInteger.valueOf(random.nextLong()).abs()));
            case 6 -> NODES.booleanNode(random.nextBoolean());
            case 7 -> NODES.arrayNode().add(1).add("two").addNull();
            case 8 -> NODES.objectNode().put("width", -1).putNull("height");
            default -> NODES.textNode(
                    pick(random, List.of("FRONT_MAIN", "H265", "front_main", "UNKNOWN", "\ud83d\ude97")));
        };
    }

    private static long pickLong(Random random) {
        return switch (random.nextInt(8)) {
            case 0 -> 0L;
            case 1 -> -1L;
            case 2 -> Long.MIN_VALUE;
            case 3 -> Long.MAX_VALUE;
            default -> random.nextLong();
        };
    }

    private static double pickDouble(Random random) {
        return switch (random.nextInt(8)) {
            case 0 -> 0.0;
            case 1 -> -0.0;
            case 2 -> Double.MIN_VALUE;
            case 3 -> Double.MAX_VALUE;
            case 4 -> -Double.MAX_VALUE;
            default -> (random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(40) - 20);
        };
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

    private static String headerValue(Random random) {
        return switch (random.nextInt(3)) {
            // Printable ASCII: the JDK client refuses to send anything else in a header.
            case 0 -> {
                String value;
                do {
                    value = printableAscii(random, 1 + random.nextInt(100)).trim();
                } while (value.isEmpty());
                yield value;
            }
            case 1 -> stringOf(random, "abcdef", 20_000);
            default -> pick(random, NEAR_MISSES);
        };
    }

    /** Any UTF-16 chars, lone surrogates and control characters included; empty now and then. */
    private static String anyString(Random random, int maxLength) {
        int length = random.nextInt(8) == 0 ? 0 : random.nextInt(maxLength + 1);
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(switch (random.nextInt(4)) {
                case 0 -> (char) random.nextInt(0x20);
                case 1 -> (char) (0x20 + random.nextInt(0x5F));
                case 2 -> (char) (0xD800 + random.nextInt(0x800));
                default -> (char) random.nextInt(0x10000);
            });
        }
        return out.toString();
    }

    private static String printableAscii(Random random, int length) {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append((char) (' ' + random.nextInt('~' - ' ' + 1)));
        }
        return out.toString();
    }

    private static String stringOf(Random random, String alphabet, int length) {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return out.toString();
    }

    private static <T> T pick(Random random, List<T> values) {
        return values.get(random.nextInt(values.size()));
    }

    /** Precise coordinates (6-9 decimals) inside the valid ranges, with min <= max. */
    private static String preciseLocation(Random random) {
        double latitude = -80 + random.nextDouble() * 160;
        double longitude = -170 + random.nextDouble() * 340;
        return String.format(java.util.Locale.ROOT, "{\"minLatitude\":%.9f,\"minLongitude\":%.9f,"
                        + "\"maxLatitude\":%.6f,\"maxLongitude\":%.6f}", latitude, longitude,
                latitude + random.nextDouble() * 0.05, longitude + random.nextDouble() * 0.05);
    }

    private static LongStream seeds(long baseSeed, int count) {
        String replay = System.getProperty(REPLAY_PROPERTY);
        if (replay != null && !replay.isBlank()) {
            return LongStream.of(Long.parseLong(replay.trim()));
        }
        Random base = new Random(baseSeed);
        return LongStream.generate(base::nextLong).limit(count);
    }

    private static String replayHint(long seed) {
        return "case seed " + seed + " (replay with -D" + REPLAY_PROPERTY + "=" + seed + ")";
    }

    private static String abbreviate(String value) {
        String shown = value.length() > 120 ? value.substring(0, 120) + "... (" + value.length() + " chars)" : value;
        return shown.replaceAll("\\p{Cntrl}", "?");
    }
}
