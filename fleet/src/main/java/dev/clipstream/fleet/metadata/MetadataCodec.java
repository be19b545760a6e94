package dev.clipstream.fleet.metadata;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Encodes clip metadata as the API's JSON object and as the {@code Clip-Metadata} header value. */
public final class MetadataCodec {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private MetadataCodec() {
    }

    /** The JSON object, fields in the order of the API document; privacy left out when there is none. */
    public static ObjectNode toJson(ClipMetadata metadata) {
        ObjectNode json = MAPPER.createObjectNode();
        json.put("camera", metadata.camera());
        json.put("captureStart", metadata.captureStart().toString());
        json.put("captureEnd", metadata.captureEnd().toString());
        json.put("durationMillis", metadata.durationMillis());
        ObjectNode resolution = json.putObject("resolution");
        resolution.put("width", metadata.resolution().width());
        resolution.put("height", metadata.resolution().height());
        json.put("framesPerSecond", metadata.framesPerSecond());
        json.put("codec", metadata.codec());
        json.put("triggerId", metadata.triggerId());
        ArrayNode campaigns = json.putArray("campaignIds");
        metadata.campaignIds().forEach(campaigns::add);
        ObjectNode location = json.putObject("location");
        location.put("minLatitude", metadata.location().minLatitude());
        location.put("minLongitude", metadata.location().minLongitude());
        location.put("maxLatitude", metadata.location().maxLatitude());
        location.put("maxLongitude", metadata.location().maxLongitude());
        ObjectNode speed = json.putObject("speed");
        speed.put("minKph", metadata.speed().minKph());
        speed.put("maxKph", metadata.speed().maxKph());
        speed.put("meanKph", metadata.speed().meanKph());
        json.put("firmwareVersion", metadata.firmwareVersion());
        if (metadata.privacy() != null) {
            ObjectNode privacy = json.putObject("privacy");
            privacy.put("facesBlurred", metadata.privacy().facesBlurred());
            privacy.put("platesBlurred", metadata.privacy().platesBlurred());
            privacy.put("blurModelVersion", metadata.privacy().blurModelVersion());
        }
        return json;
    }

    /** Base64url without padding (RFC 4648 section 5) of the UTF-8 JSON: the {@code Clip-Metadata} header. */
    public static String toHeader(ClipMetadata metadata) {
        try {
            byte[] json = MAPPER.writeValueAsString(toJson(metadata)).getBytes(StandardCharsets.UTF_8);
            return Base64.getUrlEncoder().withoutPadding().encodeToString(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A tree of plain values always serializes", e);
        }
    }
}
