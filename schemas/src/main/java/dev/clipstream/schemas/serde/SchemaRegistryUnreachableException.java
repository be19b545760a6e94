package dev.clipstream.schemas.serde;

import org.apache.kafka.common.errors.SerializationException;

/** No answer from the schema registry at all: connection refused, timeout, broken connection. */
public class SchemaRegistryUnreachableException extends SerializationException {

    private final String registryUrl;

    public SchemaRegistryUnreachableException(String registryUrl, String request, Throwable cause) {
        super("Schema registry at " + registryUrl + " is unreachable (" + request + "): "
                + cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage()),
                cause);
        this.registryUrl = registryUrl;
    }

    public String registryUrl() {
        return registryUrl;
    }
}
