package dev.clipstream.schemas.serde;

import java.util.Map;
import org.apache.avro.generic.IndexedRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Serializer and deserializer of one Avro type, sharing one registry client. Code builds it with
 * {@link AvroSerdes}; Kafka Streams creates it by class name ({@code default.value.serde}) with the public
 * no-argument constructor and then configures it from the client properties ({@link AvroSerdeConfig}).
 */
public final class AvroSerde<T extends IndexedRecord> implements Serde<T> {

    private final AvroSerializer<T> serializer;
    private final AvroDeserializer<T> deserializer;
    private final boolean reflective;

    /** For Kafka's reflective construction; {@link #configure} must follow. */
    public AvroSerde() {
        this(new AvroSerializer<>(), new AvroDeserializer<>(), true);
    }

    AvroSerde(AvroSerializer<T> serializer, AvroDeserializer<T> deserializer) {
        this(serializer, deserializer, false);
    }

    private AvroSerde(AvroSerializer<T> serializer, AvroDeserializer<T> deserializer, boolean reflective) {
        this.serializer = serializer;
        this.deserializer = deserializer;
        this.reflective = reflective;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        if (!reflective) {
            serializer.configure(configs, isKey);
            deserializer.configure(configs, isKey);
            return;
        }
        // Configured alone, each half would build its own client; the serde's halves share one, and its caches.
        AvroSerdeConfig config = AvroSerdeConfig.from(configs, isKey);
        SchemaRegistryClient shared = new HttpSchemaRegistryClient(config.registryUrl(), config.requestTimeout());
        serializer.configureWith(shared, config, isKey);
        deserializer.configureWith(shared, config);
    }

    @Override
    public Serializer<T> serializer() {
        return serializer;
    }

    @Override
    public Deserializer<T> deserializer() {
        return deserializer;
    }
}
