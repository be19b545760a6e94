package dev.clipstream.schemas.serde;

/** Lookup of a schema under a subject found nothing; raised by a serializer whose auto-registration is off. */
public class SchemaNotRegisteredException extends SchemaRegistryException {

    private final String subject;

    public SchemaNotRegisteredException(String subject, String schemaName, String registryUrl, int httpStatus,
                                        int errorCode, String registryMessage) {
        super("Schema " + schemaName + " is not registered under subject '" + subject + "' and "
                + AvroSerdeConfig.AUTO_REGISTER_SCHEMAS + " is false; register it first (TopicBootstrap.registerSchemas)"
                + " or enable " + AvroSerdeConfig.AUTO_REGISTER_SCHEMAS, registryUrl, httpStatus, errorCode,
                registryMessage);
        this.subject = subject;
    }

    public String subject() {
        return subject;
    }
}
