package dev.clipstream.ingest.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.clipstream.ingest.blob.Sha256;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** A java.net.http client for the upload API with per-request header control, for tests. */
public final class UploadClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Headers the JDK client refuses to set itself; tests leave them out. */
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final URI base;

    public UploadClient(URI base) {
        this.base = base;
    }

    public record Response(int status, JsonNode body, java.net.http.HttpHeaders headers) {
        public String error() {
            return body.path("error").asText();
        }
    }

    /** A valid upload's headers for {@code body}; tests change or remove single entries. */
    public static Map<String, String> validHeaders(String token, byte[] body) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Authorization", "Bearer " + token);
        headers.put("Content-Type", "video/mp4");
        headers.put("Clip-Sha256", Sha256.hexOf(body));
        headers.put("Clip-Metadata", TestClips.metadataHeader());
        return headers;
    }

    public Response put(String vehicleId, String clipId, Map<String, String> headers, byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(clipUri(vehicleId, clipId))
                .timeout(Duration.ofSeconds(60))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        return send(request.build());
    }

    public Response put(String vehicleId, UUID clipId, String token, byte[] body) {
        return put(vehicleId, clipId.toString(), validHeaders(token, body), body);
    }

    public Response get(String vehicleId, String clipId, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(clipUri(vehicleId, clipId)).timeout(Duration.ofSeconds(30));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request.GET().build());
    }

    public Response send(HttpRequest request) {
        try {
            HttpResponse<byte[]> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofByteArray());
            JsonNode body = response.body().length == 0 ? JSON.nullNode() : JSON.readTree(response.body());
            return new Response(response.statusCode(), body, response.headers());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public URI clipUri(String vehicleId, String clipId) {
        return base.resolve("/v1/vehicles/" + vehicleId + "/clips/" + clipId);
    }
}
