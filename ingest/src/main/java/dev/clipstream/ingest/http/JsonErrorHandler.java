package dev.clipstream.ingest.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's own error answers as the API's JSON error body. Jetty answers some requests before any route sees them:
 * an ambiguous or malformed URI (e.g. {@code %2F} or {@code %00} in a path segment: 400), request headers over the
 * limit (431), a request line that is too long (414) and other protocol violations. Without this handler those
 * answers are HTML or plain text.
 */
final class JsonErrorHandler extends ErrorHandler {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Jetty writes error bodies only for GET, POST and HEAD by default; uploads are PUTs. */
    @Override
    public boolean errorPageForMethod(String method) {
        return true;
    }

    @Override
    protected void generateResponse(Request request, Response response, int status, String message, Throwable cause,
                                    Callback callback) {
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "application/json");
        response.write(true, ByteBuffer.wrap(body(status, message)), callback);
    }

    /** Used by Jetty for requests it could not even parse (no Request object exists yet). */
    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(HttpHeader.CONTENT_TYPE, "application/json");
        return ByteBuffer.wrap(body(status, reason));
    }

    static byte[] body(int status, String reason) {
        String shown = reason == null || reason.isBlank() ? "" : ": " + reason.replaceAll("\\p{Cntrl}", "?");
        ErrorBody body = switch (status) {
            case 400 -> new ErrorBody("bad-request", "The request is malformed" + shown
                    + " (ids must be plain path segments; encoded '/', '\\', '.', NUL and the like are refused)",
                    List.of());
            case 404 -> new ErrorBody("not-found", "No such resource" + shown, List.of());
            case 405 -> new ErrorBody("method-not-allowed", "Method not allowed" + shown, List.of());
            case 408 -> new ErrorBody("request-timeout", "The request did not arrive in time" + shown, List.of());
            case 413 -> new ErrorBody("too-large", "The request is too large" + shown, List.of());
            case 414 -> new ErrorBody("uri-too-long", "The request URI is too long" + shown, List.of());
            case 431 -> new ErrorBody("headers-too-large", "The request headers are too large" + shown
                    + " (Clip-Metadata is limited by ingest.max.metadata.chars)", List.of());
            default -> new ErrorBody(status >= 500 ? "internal-error" : "bad-request",
                    "HTTP " + status + shown, List.of());
        };
        try {
            return JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            return ("{\"error\":\"bad-request\",\"message\":\"HTTP " + status + "\"}").getBytes(StandardCharsets.UTF_8);
        }
    }
}
