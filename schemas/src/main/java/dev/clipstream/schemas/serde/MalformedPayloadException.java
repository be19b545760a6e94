package dev.clipstream.schemas.serde;

import org.apache.kafka.common.errors.SerializationException;

/** A payload's bytes cannot be decoded: too short for the header, or an Avro body that does not fit its schema. */
public class MalformedPayloadException extends SerializationException {

    public MalformedPayloadException(String message, Throwable cause) {
        super(message, cause);
    }
}
