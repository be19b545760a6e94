package dev.clipstream.schemas.serde;

import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificRecord;

/** Builds configured Avro serdes. Each call returns a new instance; nothing here is static mutable state. */
public final class AvroSerdes {

    private AvroSerdes() {
    }

    /** A serde for a generated class, with its own registry client. */
    public static <T extends SpecificRecord> AvroSerde<T> specific(Class<T> type, SerdeSettings settings, boolean isKey) {
        return specific(type, new HttpSchemaRegistryClient(settings.registryUrl()), settings.autoRegister(), isKey);
    }

    /** A serde for a generated class sharing {@code registry} (and its caches) with other serdes. */
    public static <T extends SpecificRecord> AvroSerde<T> specific(Class<T> type, SchemaRegistryClient registry,
                                                                   boolean autoRegister, boolean isKey) {
        return new AvroSerde<>(new AvroSerializer<>(registry, autoRegister, isKey),
                new AvroDeserializer<>(registry, type));
    }

    /**
     * Like {@link #specific(Class, SchemaRegistryClient, boolean, boolean)}, with a deserializer that refuses values
     * longer than {@code maxValueBytes} ({@link OversizeValueException}). The serializer has no limit.
     */
    public static <T extends SpecificRecord> AvroSerde<T> specific(Class<T> type, SchemaRegistryClient registry,
                                                                   boolean autoRegister, boolean isKey,
                                                                   int maxValueBytes) {
        return new AvroSerde<>(new AvroSerializer<>(registry, autoRegister, isKey),
                new AvroDeserializer<>(registry, type, maxValueBytes));
    }

    /** A serde for GenericRecords; the deserializer returns records in their writer schema. */
    public static AvroSerde<GenericRecord> generic(SchemaRegistryClient registry, boolean autoRegister, boolean isKey) {
        return new AvroSerde<>(new AvroSerializer<>(registry, autoRegister, isKey),
                new AvroDeserializer<>(registry, false));
    }

    public static AvroSerde<GenericRecord> generic(SerdeSettings settings, boolean isKey) {
        return generic(new HttpSchemaRegistryClient(settings.registryUrl()), settings.autoRegister(), isKey);
    }
}
