package dev.clipstream.schemas.serde;

import org.apache.kafka.common.errors.SerializationException;

/**
 * A record's writer schema cannot be read as the deserializer's target type (Avro reader/writer compatibility
 * fails): usually a record of another type on the topic (a producer writing to the wrong topic, or a consumer using
 * the wrong serde), not a corrupt payload.
 */
public class SchemaMismatchException extends SerializationException {

    private final int schemaId;
    private final String writerSchemaName;
    private final String readerClassName;

    public SchemaMismatchException(String topic, int schemaId, String writerSchemaName, Class<?> readerClass,
                                   String incompatibility) {
        super("Record on topic '" + topic + "' has writer schema id " + schemaId + " (" + writerSchemaName
                + "), which cannot be read as " + readerClass.getName() + ": " + incompatibility
                + ". A record on the wrong topic, a consumer with the wrong serde, or a schema change that is not"
                + " backward compatible");
        this.schemaId = schemaId;
        this.writerSchemaName = writerSchemaName;
        this.readerClassName = readerClass.getName();
    }

    public int schemaId() {
        return schemaId;
    }

    /** Full name of the writer schema, e.g. {@code dev.clipstream.schemas.avro.LabeledClip}. */
    public String writerSchemaName() {
        return writerSchemaName;
    }

    public String readerClassName() {
        return readerClassName;
    }
}
