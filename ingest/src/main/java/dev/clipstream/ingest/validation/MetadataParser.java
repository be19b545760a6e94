package dev.clipstream.ingest.validation;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.clipstream.schemas.avro.Camera;
import dev.clipstream.schemas.avro.GeoBoundingBox;
import dev.clipstream.schemas.avro.PrivacyAttestation;
import dev.clipstream.schemas.avro.Resolution;
import dev.clipstream.schemas.avro.SpeedStats;
import dev.clipstream.schemas.avro.VideoCodec;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * Decodes and validates the Clip-Metadata header (base64url of a UTF-8 JSON object). Every problem is collected,
 * each naming its field, so one 400 tells the uploader everything that is wrong. Fields the server sets itself and
 * fields it does not know are ignored, so newer uploaders can send more.
 */
public final class MetadataParser {

    static final int MAX_STRING_CHARS = 256;
    static final int MAX_CAMPAIGNS = 64;
    private static final String MISSING = "missing";

    private final JsonMapper json = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .disable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS)
            .build();
    private final int maxEncodedChars;

    /** @param maxEncodedChars longest Clip-Metadata header value accepted */
    public MetadataParser(int maxEncodedChars) {
        this.maxEncodedChars = maxEncodedChars;
    }

    public ClipMetadata parse(String header) {
        if (header == null || header.isBlank()) {
            throw new InvalidMetadataException("The Clip-Metadata header is missing", List.of());
        }
        if (header.length() > maxEncodedChars) {
            throw new InvalidMetadataException("The Clip-Metadata header is " + header.length()
                    + " characters long; the maximum is " + maxEncodedChars, List.of());
        }
        byte[] utf8;
        try {
            utf8 = Base64.getUrlDecoder().decode(header.trim());
        } catch (IllegalArgumentException e) {
            throw new InvalidMetadataException(
                    "The Clip-Metadata header is not base64url (RFC 4648 section 5): " + e.getMessage(), List.of());
        }
        JsonNode root;
        try (JsonParser parser = json.createParser(utf8)) {
            root = json.readTree(parser);
            if (root != null && parser.nextToken() != null) {
                throw new InvalidMetadataException("Clip-Metadata holds more than one JSON value", List.of());
            }
        } catch (JsonProcessingException e) {
            throw new InvalidMetadataException("Clip-Metadata is not valid UTF-8 JSON: " + e.getOriginalMessage(),
                    List.of());
        } catch (java.io.IOException e) {
            throw new InvalidMetadataException("Clip-Metadata could not be read: " + e.getMessage(), List.of());
        }
        if (root == null || !root.isObject()) {
            throw new InvalidMetadataException("Clip-Metadata must be a JSON object", List.of());
        }
        return new Fields(root).read();
    }

    /** Reads one metadata object, collecting problems instead of stopping at the first. */
    private static final class Fields {
        private final JsonNode root;
        private final List<FieldProblem> problems = new ArrayList<>();

        Fields(JsonNode root) {
            this.root = root;
        }

        ClipMetadata read() {
            Camera camera = symbol(root, "camera", Camera.class);
            Instant captureStart = instant(root, "captureStart");
            Instant captureEnd = instant(root, "captureEnd");
            if (captureStart != null && captureEnd != null && captureEnd.isBefore(captureStart)) {
                problems.add(new FieldProblem("captureEnd", "must not be before captureStart"));
            }
            Long duration = integer(root, "durationMillis", "durationMillis", 0, 86_400_000L);
            Resolution resolution = resolution();
            Double fps = number(root, "framesPerSecond", "framesPerSecond", 0.001, 10_000);
            VideoCodec codec = symbol(root, "codec", VideoCodec.class);
            String triggerId = text(root, "triggerId", "triggerId");
            List<String> campaignIds = campaignIds();
            GeoBoundingBox location = location();
            SpeedStats speed = speed();
            String firmware = text(root, "firmwareVersion", "firmwareVersion");
            PrivacyAttestation privacy = privacy();
            if (!problems.isEmpty()) {
                throw new InvalidMetadataException("Clip-Metadata has " + problems.size() + " invalid field(s): "
                        + problems.stream().map(p -> p.field() + " (" + p.problem() + ")").toList(), problems);
            }
            return new ClipMetadata(camera, captureStart, captureEnd, duration, resolution, fps.floatValue(), codec,
                    triggerId, campaignIds, location, speed, firmware, privacy);
        }

        private Resolution resolution() {
            JsonNode node = object(root, "resolution", "resolution", true);
            if (node == null) {
                return null;
            }
            Long width = integer(node, "width", "resolution.width", 1, 100_000);
            Long height = integer(node, "height", "resolution.height", 1, 100_000);
            return width == null || height == null ? null : new Resolution(width.intValue(), height.intValue());
        }

        private List<String> campaignIds() {
            JsonNode node = root.get("campaignIds");
            if (node == null || node.isNull()) {
                return List.of();
            }
            if (!node.isArray()) {
                problems.add(new FieldProblem("campaignIds", "must be an array of strings, was " + kind(node)));
                return List.of();
            }
            if (node.size() > MAX_CAMPAIGNS) {
                problems.add(new FieldProblem("campaignIds", "has " + node.size() + " entries; at most "
                        + MAX_CAMPAIGNS + " are allowed"));
                return List.of();
            }
            List<String> ids = new ArrayList<>();
            for (int i = 0; i < node.size(); i++) {
                String id = textValue(node.get(i), "campaignIds[" + i + "]");
                if (id != null) {
                    ids.add(id);
                }
            }
            return ids;
        }

        private GeoBoundingBox location() {
            JsonNode node = object(root, "location", "location", true);
            if (node == null) {
                return null;
            }
            Double minLat = number(node, "minLatitude", "location.minLatitude", -90, 90);
            Double minLon = number(node, "minLongitude", "location.minLongitude", -180, 180);
            Double maxLat = number(node, "maxLatitude", "location.maxLatitude", -90, 90);
            Double maxLon = number(node, "maxLongitude", "location.maxLongitude", -180, 180);
            if (minLat != null && maxLat != null && maxLat < minLat) {
                problems.add(new FieldProblem("location.maxLatitude", "must not be below location.minLatitude"));
            }
            if (minLat == null || minLon == null || maxLat == null || maxLon == null) {
                return null;
            }
            return CoarseLocation.of(minLat, minLon, maxLat, maxLon);
        }

        private SpeedStats speed() {
            JsonNode node = object(root, "speed", "speed", true);
            if (node == null) {
                return null;
            }
            Double min = number(node, "minKph", "speed.minKph", 0, 1_000);
            Double max = number(node, "maxKph", "speed.maxKph", 0, 1_000);
            Double mean = number(node, "meanKph", "speed.meanKph", 0, 1_000);
            if (min != null && max != null && max < min) {
                problems.add(new FieldProblem("speed.maxKph", "must not be below speed.minKph"));
            }
            if (min != null && max != null && mean != null && max >= min && (mean < min || mean > max)) {
                problems.add(new FieldProblem("speed.meanKph", "must lie between speed.minKph and speed.maxKph"));
            }
            if (min == null || max == null || mean == null) {
                return null;
            }
            return new SpeedStats(min.floatValue(), max.floatValue(), mean.floatValue());
        }

        private PrivacyAttestation privacy() {
            JsonNode node = object(root, "privacy", "privacy", false);
            if (node == null) {
                return null;
            }
            Boolean faces = bool(node, "facesBlurred", "privacy.facesBlurred");
            Boolean plates = bool(node, "platesBlurred", "privacy.platesBlurred");
            String model = text(node, "blurModelVersion", "privacy.blurModelVersion");
            if (faces == null || plates == null || model == null) {
                return null;
            }
            return new PrivacyAttestation(faces, plates, model);
        }

        private JsonNode object(JsonNode parent, String name, String path, boolean required) {
            JsonNode node = parent.get(name);
            if (node == null || node.isNull()) {
                if (required) {
                    problems.add(new FieldProblem(path, node == null ? MISSING : "must not be null"));
                }
                return null;
            }
            if (!node.isObject()) {
                problems.add(new FieldProblem(path, "must be an object, was " + kind(node)));
                return null;
            }
            return node;
        }

        private <E extends Enum<E>> E symbol(JsonNode parent, String name, Class<E> type) {
            String value = text(parent, name, name);
            if (value == null) {
                return null;
            }
            try {
                return Enum.valueOf(type, value);
            } catch (IllegalArgumentException e) {
                problems.add(new FieldProblem(name, "unknown symbol '" + shorten(value) + "'; expected one of "
                        + Arrays.toString(type.getEnumConstants())));
                return null;
            }
        }

        private Instant instant(JsonNode parent, String name) {
            String value = text(parent, name, name);
            if (value == null) {
                return null;
            }
            try {
                return Instant.parse(value);
            } catch (DateTimeParseException e) {
                problems.add(new FieldProblem(name, "must be an ISO-8601 UTC instant such as "
                        + "2026-11-28T21:14:03.120Z, was '" + shorten(value) + "'"));
                return null;
            }
        }

        private String text(JsonNode parent, String name, String path) {
            JsonNode node = present(parent, name, path);
            return node == null ? null : textValue(node, path);
        }

        private String textValue(JsonNode node, String path) {
            if (node == null || node.isNull()) {
                problems.add(new FieldProblem(path, "must not be null"));
                return null;
            }
            if (!node.isTextual()) {
                problems.add(new FieldProblem(path, "must be a string, was " + kind(node)));
                return null;
            }
            String value = node.textValue();
            if (value.isBlank()) {
                problems.add(new FieldProblem(path, "must not be blank"));
                return null;
            }
            if (value.length() > MAX_STRING_CHARS) {
                problems.add(new FieldProblem(path, "is " + value.length() + " characters long; at most "
                        + MAX_STRING_CHARS + " are allowed"));
                return null;
            }
            if (value.codePoints().anyMatch(Character::isISOControl)) {
                problems.add(new FieldProblem(path, "must not contain control characters"));
                return null;
            }
            if (ClipIds.containsVin(value)) {
                // Privacy: a VIN must never reach a topic; the value is not echoed.
                problems.add(new FieldProblem(path, "contains what looks like a VIN (17 characters of 0-9 and "
                        + "A-Z without I, O, Q); vehicle identifiers must not be sent"));
                return null;
            }
            return value;
        }

        private Long integer(JsonNode parent, String name, String path, long min, long max) {
            JsonNode node = present(parent, name, path);
            if (node == null) {
                return null;
            }
            if (!node.isIntegralNumber() || !node.canConvertToLong()) {
                problems.add(new FieldProblem(path, node.isIntegralNumber() ? "is out of range" : "must be an integer, was " + kind(node)));
                return null;
            }
            long value = node.longValue();
            if (value < min || value > max) {
                problems.add(new FieldProblem(path, "must be between " + min + " and " + max + ", was " + value));
                return null;
            }
            return value;
        }

        private Double number(JsonNode parent, String name, String path, double min, double max) {
            JsonNode node = present(parent, name, path);
            if (node == null) {
                return null;
            }
            if (!node.isNumber()) {
                problems.add(new FieldProblem(path, "must be a number, was " + kind(node)));
                return null;
            }
            double value = node.doubleValue();
            if (!Double.isFinite(value) || value < min || value > max) {
                problems.add(new FieldProblem(path, "must be between " + min + " and " + max + ", was "
                        + shorten(node.asText())));
                return null;
            }
            return value;
        }

        private Boolean bool(JsonNode parent, String name, String path) {
            JsonNode node = present(parent, name, path);
            if (node == null) {
                return null;
            }
            if (!node.isBoolean()) {
                problems.add(new FieldProblem(path, "must be true or false, was " + kind(node)));
                return null;
            }
            return node.booleanValue();
        }

        /** The field's node, or null after recording it as missing or null. */
        private JsonNode present(JsonNode parent, String name, String path) {
            JsonNode node = parent.get(name);
            if (node == null) {
                problems.add(new FieldProblem(path, MISSING));
                return null;
            }
            if (node.isNull()) {
                problems.add(new FieldProblem(path, "must not be null"));
                return null;
            }
            return node;
        }

        private static String kind(JsonNode node) {
            return switch (node.getNodeType()) {
                case ARRAY -> "an array";
                case OBJECT, POJO -> "an object";
                case STRING -> "a string";
                case NUMBER -> "a number";
                case BOOLEAN -> "a boolean";
                case NULL, MISSING -> "null";
                case BINARY -> "binary";
            };
        }

        private static String shorten(String value) {
            return ClipIds.shown(value.length() > 40 ? value.substring(0, 40) + "..." : value);
        }
    }
}
