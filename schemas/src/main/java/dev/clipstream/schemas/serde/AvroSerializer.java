package dev.clipstream.schemas.serde;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Conversions;
import org.apache.avro.Schema;
import org.apache.avro.data.TimeConversions;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes Avro records (generated SpecificRecords or GenericRecords) in the Confluent wire format, byte-compatible
 * with Confluent's KafkaAvroSerializer. The subject follows TopicNameStrategy. With auto-registration off the
 * schema must already be registered, otherwise {@link SchemaNotRegisteredException}.
 *
 * <p>Kafka may create it with the no-argument constructor and {@link #configure}; code builds it through
 * {@link AvroSerdes} with a shared registry client. Built that way, its registry client and auto-registration
 * choice are final: a later {@link #configure} (Spring Kafka and Kafka Streams call it on instances) only sets
 * whether it serializes keys or values, so client properties can never switch auto-registration back on.
 */
public class AvroSerializer<T extends IndexedRecord> implements Serializer<T> {

    private static final Logger LOG = LoggerFactory.getLogger(AvroSerializer.class);
    // Accepts both raw (Long, Utf8, ByteBuffer) and converted (Instant, UUID, BigDecimal) values in generic records.
    private static final GenericData GENERIC_WITH_CONVERSIONS = genericDataWithConversions();

    static {
        GeneratedClassTrust.ensureInstalled();
    }

    private SchemaRegistryClient registry;
    private boolean autoRegister;
    private boolean isKey;
    // True when built with a client and explicit settings: configure() must not replace them.
    private final boolean explicitlyBuilt;
    private final Map<Schema, DatumWriter<Object>> specificWriters = new ConcurrentHashMap<>();
    private final Map<Schema, DatumWriter<Object>> genericWriters = new ConcurrentHashMap<>();
    // A buffered encoder per sending thread, reused: the unbuffered one wrote every byte separately (profiled).
    private final ThreadLocal<BinaryEncoder> encoders = new ThreadLocal<>();
    // A topic's records nearly always share one schema instance: skip hashing the Schema per record.
    private volatile CachedWriter lastWriter;

    private record CachedWriter(Schema schema, boolean specific, DatumWriter<Object> writer) {
    }

    /** For Kafka's reflective construction; {@link #configure} must follow. */
    public AvroSerializer() {
        this.explicitlyBuilt = false;
    }

    /** A serializer with fixed settings; {@link #configure} will only change {@code isKey}. */
    public AvroSerializer(SchemaRegistryClient registry, boolean autoRegister, boolean isKey) {
        if (registry == null) {
            throw new IllegalArgumentException("Schema registry client is null");
        }
        this.registry = registry;
        this.autoRegister = autoRegister;
        this.isKey = isKey;
        this.explicitlyBuilt = true;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        this.isKey = isKey;
        if (explicitlyBuilt) {
            if (configs.containsKey(AvroSerdeConfig.SCHEMA_REGISTRY_URL)
                    || configs.containsKey(AvroSerdeConfig.AUTO_REGISTER_SCHEMAS)) {
                LOG.debug("AvroSerializer built with registry {} and {}={}: ignoring {} and {} from configure()",
                        registry.url(), AvroSerdeConfig.AUTO_REGISTER_SCHEMAS, autoRegister,
                        AvroSerdeConfig.SCHEMA_REGISTRY_URL, AvroSerdeConfig.AUTO_REGISTER_SCHEMAS);
            }
            return;
        }
        AvroSerdeConfig config = AvroSerdeConfig.from(configs, isKey);
        configureWith(new HttpSchemaRegistryClient(config.registryUrl(), config.requestTimeout()), config, isKey);
    }

    /** Reflective path: settings from client properties, with a client {@link AvroSerde} may share. */
    void configureWith(SchemaRegistryClient client, AvroSerdeConfig config, boolean isKey) {
        this.isKey = isKey;
        this.registry = client;
        this.autoRegister = config.autoRegister();
    }

    @Override
    public byte[] serialize(String topic, T record) {
        if (record == null) {
            return null;
        }
        if (registry == null) {
            throw new IllegalStateException("AvroSerializer used before configure(): no schema registry client");
        }
        Schema schema = record.getSchema();
        String subject = SubjectNames.forTopic(topic, isKey);
        int id = autoRegister ? registry.register(subject, schema) : registry.lookUpId(subject, schema);
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        out.writeBytes(WireFormat.header(id));
        try {
            BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, encoders.get());
            encoders.set(encoder);
            writerFor(record).write(record, encoder);
            encoder.flush();
        } catch (IOException | AvroRuntimeException | ClassCastException | NullPointerException e) {
            throw new SerializationException("Cannot write " + schema.getFullName() + " for topic '" + topic
                    + "' with schema id " + id + ": " + e.getMessage(), e);
        }
        return out.toByteArray();
    }

    private DatumWriter<Object> writerFor(T record) {
        Schema schema = record.getSchema();
        boolean specific = record instanceof SpecificRecord;
        CachedWriter last = lastWriter;
        if (last != null && last.schema() == schema && last.specific() == specific) {
            return last.writer();
        }
        DatumWriter<Object> writer = specific
                ? specificWriters.computeIfAbsent(schema, SpecificDatumWriter::new)
                : genericWriters.computeIfAbsent(schema, s -> new GenericDatumWriter<>(s, GENERIC_WITH_CONVERSIONS));
        lastWriter = new CachedWriter(schema, specific, writer);
        return writer;
    }

    private static GenericData genericDataWithConversions() {
        GenericData data = new GenericData();
        data.addLogicalTypeConversion(new TimeConversions.TimestampMillisConversion());
        data.addLogicalTypeConversion(new Conversions.UUIDConversion());
        data.addLogicalTypeConversion(new Conversions.DecimalConversion());
        return data;
    }
}
