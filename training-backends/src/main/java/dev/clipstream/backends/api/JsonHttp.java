package dev.clipstream.backends.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Objects;

/** JSON over java.net.http with one timeout for every call; maps transport failures to the API's exceptions. */
final class JsonHttp {

    private final String name;
    private final URI baseUri;
    private final Duration timeout;
    private final HttpClient http;
    private final ObjectMapper json = BackendJson.mapper();

    JsonHttp(String name, URI baseUri, Duration timeout) {
        this.name = Objects.requireNonNull(name, "name");
        this.baseUri = withoutTrailingSlash(Objects.requireNonNull(baseUri, "baseUri"));
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        if (timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException("timeout must be positive, was " + timeout);
        }
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout)
                .build();
    }

    URI baseUri() {
        return baseUri;
    }

    ObjectMapper json() {
        return json;
    }

    /** Sends and returns the response; 503 and transport failures throw BackendUnavailableException. */
    HttpResponse<String> send(String method, String path, Object body) {
        HttpRequest.BodyPublisher publisher = body == null
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(write(body), StandardCharsets.UTF_8);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUri + path))
                .timeout(timeout)
                .header("Accept", "application/json")
                .method(method, publisher);
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (HttpTimeoutException e) {
            throw new BackendUnavailableException(describe(method, path) + " timed out after "
                    + timeout.toMillis() + " ms", e);
        } catch (IOException e) {
            throw new BackendUnavailableException(describe(method, path) + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new BackendUnavailableException(describe(method, path) + " interrupted", e);
        }
        if (response.statusCode() == 503) {
            throw new BackendUnavailableException(describe(method, path) + " answered 503: " + response.body());
        }
        return response;
    }

    /** Sends, requires a 2xx, and reads the body as {@code type}. */
    <T> T call(String method, String path, Object body, JavaType type) {
        HttpResponse<String> response = send(method, path, body);
        requireSuccess(method, path, response);
        return read(method, path, response, type);
    }

    void requireSuccess(String method, String path, HttpResponse<String> response) {
        if (response.statusCode() / 100 != 2) {
            throw new BackendCallException(describe(method, path) + " failed", response.statusCode(), response.body());
        }
    }

    <T> T read(String method, String path, HttpResponse<String> response, JavaType type) {
        try {
            return json.readValue(response.body(), type);
        } catch (JsonProcessingException e) {
            throw new BackendCallException(describe(method, path) + " returned a body that is not a valid "
                    + type.getRawClass().getSimpleName() + ": " + e.getOriginalMessage(),
                    response.statusCode(), response.body());
        }
    }

    private String write(Object body) {
        try {
            return json.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write request body " + body, e);
        }
    }

    private String describe(String method, String path) {
        return "Backend " + name + ": " + method + " " + baseUri + path;
    }

    private static URI withoutTrailingSlash(URI uri) {
        String text = uri.toString();
        return text.endsWith("/") ? URI.create(text.substring(0, text.length() - 1)) : uri;
    }
}
