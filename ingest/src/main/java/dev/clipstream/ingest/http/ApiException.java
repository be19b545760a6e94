package dev.clipstream.ingest.http;

import dev.clipstream.ingest.validation.FieldProblem;
import java.time.Duration;
import java.util.List;

/**
 * A client-visible failure: HTTP status, kebab-case error code, a sentence naming the problem, the metadata
 * fields at fault (only for invalid-metadata) and, for 429/503, when to retry.
 */
public class ApiException extends RuntimeException {

    private final int status;
    private final String code;
    private final List<FieldProblem> fields;
    private final Duration retryAfter;

    public ApiException(int status, String code, String message) {
        this(status, code, message, List.of(), null, null);
    }

    public ApiException(int status, String code, String message, List<FieldProblem> fields, Duration retryAfter,
                        Throwable cause) {
        super(message, cause);
        this.status = status;
        this.code = code;
        this.fields = List.copyOf(fields);
        this.retryAfter = retryAfter;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public List<FieldProblem> fields() {
        return fields;
    }

    /** Null unless the client should retry after a while (429, 503). */
    public Duration retryAfter() {
        return retryAfter;
    }

    static ApiException invalidId(String message) {
        return new ApiException(400, "invalid-id", message);
    }

    static ApiException unauthorized() {
        return new ApiException(401, "unauthorized",
                "A valid bearer token is required: send 'Authorization: Bearer <token>' with the vehicle's token");
    }

    static ApiException forbidden(String vehicleId) {
        return new ApiException(403, "forbidden",
                "This token belongs to another vehicle; it may not act for vehicle '" + vehicleId + "'");
    }

    static ApiException unavailable(String message, Duration retryAfter, Throwable cause) {
        return new ApiException(503, "unavailable", message, List.of(), retryAfter, cause);
    }
}
