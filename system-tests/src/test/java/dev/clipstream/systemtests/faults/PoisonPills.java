package dev.clipstream.systemtests.faults;

import dev.clipstream.schemas.serde.SchemaRegistryClient;
import dev.clipstream.schemas.serde.WireFormat;
import dev.clipstream.schemas.topic.TopicSpec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.util.Random;
import java.util.function.BiConsumer;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificRecord;

/**
 * Record values no Clipstream consumer can use, one per way a value can be wrong:
 * <ul>
 *   <li>{@link Kind#GARBAGE}: random bytes, not the Confluent wire format (first byte is not the magic 0);</li>
 *   <li>{@link Kind#UNKNOWN_SCHEMA_ID}: wire format naming a schema id the registry does not know;</li>
 *   <li>{@link Kind#INCOMPATIBLE_SCHEMA}: a well-formed record of another schema, registered under another subject,
 *       that the topic's reader schema cannot resolve;</li>
 *   <li>{@link Kind#OVERSIZE}: a record of the topic's own schema inflated to {@link #OVERSIZE_BYTES}, just under
 *       the broker's default {@code message.max.bytes} (1 MiB + 12), so the broker takes it, but some 50 times what
 *       ingest can ever produce (clip metadata is capped at 16 KiB) and over the maximum value size the topic
 *       catalog gives every topic an app consumes here: no legitimate producer writes such a record.</li>
 * </ul>
 * Seeded: the same seed gives the same bytes.
 */
final class PoisonPills {

    enum Kind { GARBAGE, UNKNOWN_SCHEMA_ID, INCOMPATIBLE_SCHEMA, OVERSIZE }

    /** Serialized value size of an oversize record: under the broker's and the producer's 1 MiB defaults. */
    static final int OVERSIZE_BYTES = 1_000_000;
    /** A schema id far above any the devstack registry hands out. */
    static final int UNKNOWN_SCHEMA_ID = 987_654_321;

    private static final Schema INTRUDER = SchemaBuilder.record("Intruder").namespace("dev.clipstream.faults")
            .fields()
            .requiredInt("clipId")
            .requiredBoolean("hostile")
            .requiredBytes("payload")
            .endRecord();

    private final Random random;

    PoisonPills(long seed) {
        this.random = new Random(seed);
    }

    byte[] garbage() {
        byte[] bytes = new byte[16 + random.nextInt(240)];
        random.nextBytes(bytes);
        bytes[0] = (byte) (1 + random.nextInt(255)); // anything but the magic byte
        return bytes;
    }

    byte[] unknownSchemaId() {
        byte[] body = new byte[32];
        random.nextBytes(body);
        return wire(UNKNOWN_SCHEMA_ID, body);
    }

    /** Registers the intruder schema under {@code subject} (not the topic's) and writes one record of it. */
    byte[] incompatibleSchema(SchemaRegistryClient registry, String subject) {
        int id = registry.register(subject, INTRUDER);
        GenericRecord record = new GenericData.Record(INTRUDER);
        record.put("clipId", random.nextInt());
        record.put("hostile", true);
        byte[] payload = new byte[64];
        random.nextBytes(payload);
        record.put("payload", ByteBuffer.wrap(payload));
        return wire(id, avro(record));
    }

    /**
     * {@code sample} of the topic's own type with one string field (set by {@code inflate}) grown until the value
     * is {@link #OVERSIZE_BYTES} long when serialized with the topic's serializer.
     */
    <V extends SpecificRecord> byte[] oversize(TopicSpec<?, V> topic, V sample, BiConsumer<V, String> inflate) {
        inflate.accept(sample, "");
        int base = topic.valueSerde().serializer().serialize(topic.name(), sample).length;
        // A string is its length (zig-zag varint, 3 bytes at this size) and its bytes.
        String filler = "x".repeat(OVERSIZE_BYTES - base - 3);
        inflate.accept(sample, filler);
        byte[] value = topic.valueSerde().serializer().serialize(topic.name(), sample);
        if (Math.abs(value.length - OVERSIZE_BYTES) > 16) {
            throw new IllegalStateException("Oversize record of " + topic.name() + " is " + value.length + " bytes");
        }
        return value;
    }

    private static byte[] wire(int schemaId, byte[] body) {
        return ByteBuffer.allocate(WireFormat.HEADER_SIZE + body.length)
                .put(WireFormat.MAGIC_BYTE).putInt(schemaId).put(body).array();
    }

    private static byte[] avro(GenericRecord record) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
        try {
            new GenericDatumWriter<GenericRecord>(record.getSchema()).write(record, encoder);
            encoder.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
