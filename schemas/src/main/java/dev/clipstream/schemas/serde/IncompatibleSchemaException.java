package dev.clipstream.schemas.serde;

/** The registry refused to register a schema because it breaks the subject's compatibility rule (HTTP 409). */
public class IncompatibleSchemaException extends SchemaRegistryException {

    private final String subject;

    public IncompatibleSchemaException(String subject, String schemaName, String registryUrl, int httpStatus,
                                       int errorCode, String registryMessage) {
        super("Schema " + schemaName + " is incompatible with the versions registered under subject '" + subject
                + "'", registryUrl, httpStatus, errorCode, registryMessage);
        this.subject = subject;
    }

    public String subject() {
        return subject;
    }
}
