package dev.clipstream.schemas.serde;

import java.io.IOException;
import java.util.Map;
import java.util.OptionalInt;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaPairCompatibility;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DatumReader;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the Confluent wire format, byte-compatible with Confluent's KafkaAvroDeserializer. The writer schema comes
 * from the registry by the id in the header and is resolved to the reader schema, so records written with older
 * schema versions still decode (missing fields take their defaults).
 *
 * <p>Reader schema: the configured target class when there is one; with {@code specific.avro.reader=true} and no
 * target class, the generated class named by the writer schema; otherwise the writer schema itself
 * (GenericRecord), as Confluent does. A writer schema the reader schema cannot read (another record type) fails
 * with {@link SchemaMismatchException}; every other decoding failure is a {@link SerializationException} naming
 * the topic and the schema id.
 *
 * <p>Built with a registry client (through {@link AvroSerdes} or the topic catalog), its settings are final: a
 * later {@link #configure} from a framework changes nothing.
 *
 * <p>With a maximum value size (the topic catalog gives one to every topic), a larger value fails with
 * {@link OversizeValueException} before its header is even read.
 */
public class AvroDeserializer<T> implements Deserializer<T> {

    private static final Logger LOG = LoggerFactory.getLogger(AvroDeserializer.class);

    static {
        GeneratedClassTrust.ensureInstalled();
    }

    /** {@link #maxValueBytes()} when there is no limit. */
    private static final int NO_LIMIT = Integer.MAX_VALUE;

    private SchemaRegistryClient registry;
    private Class<? extends SpecificRecord> targetType;
    private boolean specificReader;
    // True when built with a client and explicit settings: configure() must not replace them.
    private final boolean explicitlyBuilt;
    private final int maxValueBytes;
    private final Map<Integer, DatumReader<Object>> readersBySchemaId = new ConcurrentHashMap<>();

    /** For Kafka's reflective construction; {@link #configure} must follow. */
    public AvroDeserializer() {
        this.explicitlyBuilt = false;
        this.maxValueBytes = NO_LIMIT;
    }

    /** Decodes into {@code targetType}, resolving every writer schema to the generated class's schema. */
    public AvroDeserializer(SchemaRegistryClient registry, Class<? extends SpecificRecord> targetType) {
        this(registry, targetType, NO_LIMIT);
    }

    /**
     * Decodes into {@code targetType} like {@link #AvroDeserializer(SchemaRegistryClient, Class)}, and refuses a
     * value longer than {@code maxValueBytes} (header included) with {@link OversizeValueException}.
     */
    public AvroDeserializer(SchemaRegistryClient registry, Class<? extends SpecificRecord> targetType,
                            int maxValueBytes) {
        this(registry, targetType, true, maxValueBytes);
        if (targetType == null) {
            throw new IllegalArgumentException("Target type is null; use AvroDeserializer(registry, true) to decode"
                    + " into the generated class the writer schema names");
        }
        GeneratedClassTrust.trustGeneratedClassesOf(targetType);
    }

    /** Decodes into GenericRecords with the writer schema ({@code specificReader=false}) or into generated classes. */
    public AvroDeserializer(SchemaRegistryClient registry, boolean specificReader) {
        this(registry, null, specificReader, NO_LIMIT);
    }

    private AvroDeserializer(SchemaRegistryClient registry, Class<? extends SpecificRecord> targetType,
                             boolean specificReader, int maxValueBytes) {
        if (registry == null) {
            throw new IllegalArgumentException("Schema registry client is null");
        }
        if (maxValueBytes < WireFormat.HEADER_SIZE) {
            throw new IllegalArgumentException("Maximum value size must be >= " + WireFormat.HEADER_SIZE
                    + " bytes (the wire format header), was " + maxValueBytes);
        }
        this.maxValueBytes = maxValueBytes;
        this.registry = registry;
        this.targetType = targetType;
        this.specificReader = specificReader;
        this.explicitlyBuilt = true;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        if (explicitlyBuilt) {
            if (!configs.isEmpty()) {
                LOG.debug("AvroDeserializer built with registry {} and reader {}: ignoring the configs of"
                        + " configure()", registry.url(), targetType != null ? targetType.getName()
                        : specificReader ? "the writer schema's generated class" : "GenericRecord");
            }
            return;
        }
        AvroSerdeConfig config = AvroSerdeConfig.from(configs, isKey);
        configureWith(new HttpSchemaRegistryClient(config.registryUrl(), config.requestTimeout()), config);
    }

    /** Reflective path: settings from client properties, with a client {@link AvroSerde} may share. */
    void configureWith(SchemaRegistryClient client, AvroSerdeConfig config) {
        this.registry = client;
        this.targetType = config.specificType() == null ? null : loadSpecificClass(config.specificType());
        this.specificReader = config.specificReader() || targetType != null;
        readersBySchemaId.clear();
    }

    /** The largest value this deserializer decodes, in bytes with the header; empty when there is no limit. */
    public OptionalInt maxValueBytes() {
        return maxValueBytes == NO_LIMIT ? OptionalInt.empty() : OptionalInt.of(maxValueBytes);
    }

    @Override
    @SuppressWarnings("unchecked")
    public T deserialize(String topic, byte[] data) {
        if (data == null) {
            return null; // tombstone
        }
        if (data.length > maxValueBytes) {
            throw new OversizeValueException(topic, data.length, maxValueBytes);
        }
        if (registry == null) {
            throw new IllegalStateException("AvroDeserializer used before configure(): no schema registry client");
        }
        int schemaId = WireFormat.schemaId(topic, data);
        DatumReader<Object> reader = readerFor(topic, schemaId);
        try {
            BinaryDecoder decoder = DecoderFactory.get()
                    .binaryDecoder(data, WireFormat.HEADER_SIZE, data.length - WireFormat.HEADER_SIZE, null);
            return (T) reader.read(null, decoder);
        } catch (IOException | AvroRuntimeException | IndexOutOfBoundsException | NegativeArraySizeException
                 | ClassCastException e) {
            throw new MalformedPayloadException("Cannot decode the Avro body of a " + data.length
                    + "-byte payload on topic '" + topic + "' with writer schema id " + schemaId + ": "
                    + e.getClass().getSimpleName() + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            // A logical-type conversion refusing a value (a uuid string that is no UUID, an out-of-range
            // timestamp, ...): the body is well-formed Avro, its value is not. Kafka reports only
            // SerializationExceptions with the record's partition and offset.
            throw new SerializationException("Cannot convert a value of the " + data.length + "-byte payload on"
                    + " topic '" + topic + "' with writer schema id " + schemaId + ": "
                    + e.getClass().getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    private DatumReader<Object> readerFor(String topic, int schemaId) {
        DatumReader<Object> cached = readersBySchemaId.get(schemaId);
        if (cached != null) {
            return cached;
        }
        Schema writer = registry.schemaById(schemaId);
        DatumReader<Object> reader;
        try {
            reader = newReader(topic, schemaId, writer);
        } catch (SerializationException e) {
            throw e;
        } catch (RuntimeException e) {
            throw new SerializationException("Cannot build an Avro reader for writer schema id " + schemaId + " ("
                    + writer.getFullName() + ") on topic '" + topic + "': " + e.getClass().getSimpleName() + ": "
                    + e.getMessage(), e);
        }
        DatumReader<Object> previous = readersBySchemaId.putIfAbsent(schemaId, reader);
        return previous == null ? reader : previous;
    }

    private DatumReader<Object> newReader(String topic, int schemaId, Schema writer) {
        if (!specificReader) {
            return new GenericDatumReader<>(writer, writer, GenericData.get());
        }
        Class<?> type;
        try {
            type = targetType != null ? targetType : SpecificData.get().getClass(writer);
        } catch (SecurityException e) {
            throw new SerializationException("Avro refuses to load the class for writer schema "
                    + writer.getFullName() + " (id " + schemaId + "): not trusted; set "
                    + AvroSerdeConfig.SPECIFIC_AVRO_VALUE_TYPE + " to the generated class", e);
        }
        if (type == null || !SpecificRecord.class.isAssignableFrom(type)) {
            throw new SerializationException("No generated class for writer schema " + writer.getFullName()
                    + " (id " + schemaId + ") on the classpath; set " + AvroSerdeConfig.SPECIFIC_AVRO_VALUE_TYPE
                    + " or disable " + AvroSerdeConfig.SPECIFIC_AVRO_READER);
        }
        SpecificData model = SpecificData.getForClass(type);
        Schema reader = model.getSchema(type);
        // Without this check a record of another type fails deep inside decoding, reported as a corrupt body.
        SchemaPairCompatibility compatibility = SchemaCompatibility.checkReaderWriterCompatibility(reader, writer);
        if (compatibility.getType() != SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
            throw new SchemaMismatchException(topic, schemaId, writer.getFullName(), type,
                    describe(compatibility));
        }
        return new SpecificDatumReader<>(writer, reader, model);
    }

    private static String describe(SchemaPairCompatibility compatibility) {
        return compatibility.getResult().getIncompatibilities().stream()
                .map(i -> i.getType() + " at " + i.getLocation() + " (" + i.getMessage() + ")")
                .reduce((a, b) -> a + "; " + b)
                .orElse(compatibility.getDescription());
    }

    private static Class<? extends SpecificRecord> loadSpecificClass(String className) {
        try {
            Class<?> type = Class.forName(className, false, Thread.currentThread().getContextClassLoader() != null
                    ? Thread.currentThread().getContextClassLoader() : AvroDeserializer.class.getClassLoader());
            if (!SpecificRecord.class.isAssignableFrom(type)) {
                throw new SerializationException("Class " + className + " is not a generated Avro SpecificRecord");
            }
            GeneratedClassTrust.trustGeneratedClassesOf(type);
            return type.asSubclass(SpecificRecord.class);
        } catch (ClassNotFoundException e) {
            throw new SerializationException("Avro reader class " + className + " is not on the classpath", e);
        }
    }
}
