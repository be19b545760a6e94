package dev.clipstream.schemas.serde;

import org.apache.kafka.common.errors.SerializationException;

/**
 * The schema registry answered, but not with what was asked for. Carries the registry's answer as it came:
 * HTTP status, Confluent {@code error_code} and message, so callers can decide on status and code, never on text.
 */
public class SchemaRegistryException extends SerializationException {

    private final String registryUrl;
    private final int httpStatus;
    private final int errorCode;
    private final String registryMessage;

    public SchemaRegistryException(String summary, String registryUrl, int httpStatus, int errorCode,
                                   String registryMessage) {
        super(summary + " [registry " + registryUrl + " answered HTTP " + httpStatus + ", error_code "
                + errorCode + ": " + registryMessage + "]");
        this.registryUrl = registryUrl;
        this.httpStatus = httpStatus;
        this.errorCode = errorCode;
        this.registryMessage = registryMessage;
    }

    public String registryUrl() {
        return registryUrl;
    }

    public int httpStatus() {
        return httpStatus;
    }

    /** Confluent error code from the response body, or -1 when the body had none. */
    public int errorCode() {
        return errorCode;
    }

    public String registryMessage() {
        return registryMessage;
    }
}
