package dev.clipstream.schemas.serde;

/** A payload does not start with the Confluent wire format's magic byte 0x00. */
public class UnknownMagicByteException extends MalformedPayloadException {

    private final byte foundByte;

    public UnknownMagicByteException(String topic, byte foundByte, int payloadLength) {
        super(String.format("Unknown magic byte 0x%02x (expected 0x%02x, Confluent wire format) in a %d-byte payload"
                        + " on topic '%s'; it was not written by a schema-registry Avro serializer",
                foundByte & 0xff, WireFormat.MAGIC_BYTE, payloadLength, topic), null);
        this.foundByte = foundByte;
    }

    public byte foundByte() {
        return foundByte;
    }
}
