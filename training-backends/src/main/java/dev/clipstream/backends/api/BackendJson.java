package dev.clipstream.backends.api;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/** The one JSON mapping of the job API, shared by server and client: ISO-8601 instants, unknown fields ignored. */
public final class BackendJson {

    private BackendJson() {
    }

    /** A new mapper (ObjectMapper is thread-safe once configured; callers keep one). */
    public static ObjectMapper mapper() {
        return new ObjectMapper()
                .registerModule(new JavaTimeModule())
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                // A newer server may add fields; an older client must still read the rest.
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }
}
