package dev.clipstream.schemas.serde;

import java.nio.ByteBuffer;

/**
 * The Confluent wire format: byte 0 is the magic byte 0x00, bytes 1-4 the schema id as a big-endian int,
 * then the Avro binary body. Kept byte-compatible with Confluent's KafkaAvroSerializer.
 */
public final class WireFormat {

    public static final byte MAGIC_BYTE = 0x0;
    public static final int ID_SIZE = Integer.BYTES;
    public static final int HEADER_SIZE = 1 + ID_SIZE;

    private WireFormat() {
    }

    static byte[] header(int schemaId) {
        return ByteBuffer.allocate(HEADER_SIZE).put(MAGIC_BYTE).putInt(schemaId).array();
    }

    /** Validates the header and returns the schema id it names. */
    static int schemaId(String topic, byte[] payload) {
        if (payload.length == 0) {
            throw new MalformedPayloadException("Empty payload on topic '" + topic
                    + "': expected at least the " + HEADER_SIZE + "-byte Confluent wire format header", null);
        }
        if (payload[0] != MAGIC_BYTE) {
            throw new UnknownMagicByteException(topic, payload[0], payload.length);
        }
        if (payload.length < HEADER_SIZE) {
            throw new MalformedPayloadException("Payload of " + payload.length + " bytes on topic '" + topic
                    + "' is shorter than the " + HEADER_SIZE + "-byte Confluent wire format header", null);
        }
        return ByteBuffer.wrap(payload, 1, ID_SIZE).getInt();
    }
}
