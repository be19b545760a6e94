package dev.clipstream.schemas.serde;

/** A payload names a schema id the registry does not know (Confluent error_code 40403). */
public class UnknownSchemaIdException extends SchemaRegistryException {

    private final int schemaId;

    public UnknownSchemaIdException(int schemaId, String registryUrl, int httpStatus, int errorCode,
                                    String registryMessage) {
        super("Schema id " + schemaId + " is unknown to the schema registry", registryUrl, httpStatus, errorCode,
                registryMessage);
        this.schemaId = schemaId;
    }

    public int schemaId() {
        return schemaId;
    }
}
