package dev.clipstream.fleet.upload;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import javax.net.ssl.SSLContext;

/** One request of the ingest HTTP API v1 per call, no retries: {@link Uploader} decides what to do with it. */
public final class IngestClient {

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final HttpClient http;
    private final URI baseUri;
    private final Duration requestTimeout;

    /**
     * @param baseUri        e.g. http://127.0.0.1:8080 (the /v1/... paths are appended)
     * @param requestTimeout longest wait for the response headers of one request, body upload included
     */
    public IngestClient(URI baseUri, Duration connectTimeout, Duration requestTimeout) {
        this(baseUri, connectTimeout, requestTimeout, null);
    }

    /**
     * @param sslContext for an https {@code baseUri} whose certificate the JVM's default trust store does not
     *                   trust (e.g. {@link TrustStores#sslContext}); null = the JVM default
     */
    public IngestClient(URI baseUri, Duration connectTimeout, Duration requestTimeout, SSLContext sslContext) {
        this.baseUri = withoutTrailingSlash(Objects.requireNonNull(baseUri, "baseUri"));
        this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout");
        String scheme = String.valueOf(baseUri.getScheme()).toLowerCase(java.util.Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("The ingest URL must be http:// or https://, was " + baseUri);
        }
        // HTTP/1.1: one upload per connection at a time, which is what bounded concurrency means for the server.
        HttpClient.Builder builder = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER);
        if (sslContext != null) {
            builder.sslContext(sslContext);
        }
        this.http = builder.build();
    }

    public URI baseUri() {
        return baseUri;
    }

    public IngestResponse put(ClipUpload upload) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(clipUri(upload.vehicleId(), upload.clipId()))
                .timeout(requestTimeout)
                .header("Authorization", "Bearer " + upload.token())
                .header("Content-Type", upload.contentType())
                .header("Clip-Sha256", upload.sha256())
                .header("Clip-Metadata", upload.metadataHeader())
                .PUT(upload.body().publisher())
                .build();
        return parse(http.send(request, HttpResponse.BodyHandlers.ofString()));
    }

    public IngestResponse get(String vehicleId, UUID clipId, String token) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(clipUri(vehicleId, clipId))
                .timeout(requestTimeout)
                .header("Authorization", "Bearer " + token)
                .GET()
                .build();
        return parse(http.send(request, HttpResponse.BodyHandlers.ofString()));
    }

    private URI clipUri(String vehicleId, UUID clipId) {
        // Vehicle ids are [A-Za-z0-9_-]; anything else is the server's to refuse, so encode rather than trust it.
        String vehicle = java.net.URLEncoder.encode(vehicleId, java.nio.charset.StandardCharsets.UTF_8);
        return URI.create(baseUri + "/v1/vehicles/" + vehicle + "/clips/" + clipId);
    }

    static IngestResponse parse(HttpResponse<String> response) {
        Optional<Duration> retryAfter = response.headers().firstValue("Retry-After").flatMap(IngestClient::seconds);
        JsonNode body = json(response.body());
        String errorCode = text(body, "error");
        String message = text(body, "message");
        if (message == null && !(response.statusCode() == 200 || response.statusCode() == 201)) {
            message = abbreviate(response.body());
        }
        return new IngestResponse(response.statusCode(), errorCode, message, retryAfter,
                text(body, "blobUri"), text(body, "sha256"));
    }

    /** Retry-After in delta-seconds; the HTTP-date form is not used by ingest and is ignored. */
    static Optional<Duration> seconds(String value) {
        try {
            long seconds = Long.parseLong(value.trim());
            return seconds >= 0 ? Optional.of(Duration.ofSeconds(seconds)) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static JsonNode json(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            JsonNode node = MAPPER.readTree(body);
            return node != null && node.isObject() ? node : null;
        } catch (IOException e) {
            return null;
        }
    }

    private static String text(JsonNode body, String field) {
        if (body == null) {
            return null;
        }
        JsonNode value = body.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    private static String abbreviate(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        String oneLine = body.strip().replaceAll("\\s+", " ");
        return oneLine.length() > 200 ? oneLine.substring(0, 200) + "..." : oneLine;
    }

    private static URI withoutTrailingSlash(URI uri) {
        String text = uri.toString();
        return text.endsWith("/") ? URI.create(text.substring(0, text.length() - 1)) : uri;
    }
}
