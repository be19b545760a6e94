package dev.clipstream.schemas.serde;

import org.apache.avro.Schema;

/** The part of the Confluent Schema Registry API the serdes need. Implementations are thread-safe and cache. */
public interface SchemaRegistryClient {

    /**
     * Registers {@code schema} under {@code subject} (a no-op on the registry when it is already there) and
     * returns its id.
     *
     * @throws IncompatibleSchemaException when the subject's compatibility rule refuses the schema
     */
    int register(String subject, Schema schema);

    /**
     * Returns the id of {@code schema} under {@code subject} without registering it.
     *
     * @throws SchemaNotRegisteredException when the subject or the schema under it does not exist
     */
    int lookUpId(String subject, Schema schema);

    /**
     * Returns the schema with this id.
     *
     * @throws UnknownSchemaIdException when the registry does not know the id
     */
    Schema schemaById(int id);

    /** Base URL of the registry's Confluent-compatible API, for messages. */
    String url();
}
