package dev.clipstream.ingest.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** A seeded sample of metadata JSON that is always invalid: a required field removed, nulled or of a wrong type. */
public final class InvalidMetadata {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> REQUIRED = List.of("camera", "captureStart", "captureEnd", "durationMillis",
            "resolution", "framesPerSecond", "codec", "triggerId", "location", "speed", "firmwareVersion");

    private InvalidMetadata() {
    }

    public static List<String> sample(int count, long seed) {
        Random random = new Random(seed);
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        List<String> sample = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String field = REQUIRED.get(random.nextInt(REQUIRED.size()));
            JsonNode value = switch (random.nextInt(6)) {
                case 0 -> null;
                case 1 -> nodes.nullNode();
                case 2 -> nodes.arrayNode().add("\ud83d\ude97").add(1);
                case 3 -> nodes.textNode("x".repeat(300 + random.nextInt(5_000)));
                case 4 -> nodes.booleanNode(random.nextBoolean());
                default -> nodes.objectNode().put("unexpected", "\u00fc\u4e2d");
            };
            sample.add(withField(field, value));
        }
        sample.add(TestClips.METADATA_JSON.substring(0, TestClips.METADATA_JSON.length() / 2));
        sample.add("[]");
        return sample;
    }

    private static String withField(String field, JsonNode value) {
        try {
            ObjectNode root = (ObjectNode) JSON.readTree(TestClips.METADATA_JSON);
            if (value == null) {
                root.remove(field);
            } else {
                root.set(field, value);
            }
            return JSON.writeValueAsString(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
