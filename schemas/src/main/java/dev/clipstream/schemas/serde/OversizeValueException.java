package dev.clipstream.schemas.serde;

import org.apache.kafka.common.errors.SerializationException;

/**
 * A record value is larger than its topic allows ({@link AvroDeserializer#maxValueBytes()}): refused before any
 * decoding, so a hostile or broken producer cannot make a consumer decode and hold megabytes per record. Like every
 * other undecodable value, the record is poison: the services send it to the dead-letter topic as it was read.
 */
public class OversizeValueException extends SerializationException {

    private final String topic;
    private final int valueBytes;
    private final int maxValueBytes;

    public OversizeValueException(String topic, int valueBytes, int maxValueBytes) {
        super("Value of " + valueBytes + " bytes on topic '" + topic + "' is larger than the " + maxValueBytes
                + " bytes this topic allows; refused before decoding");
        this.topic = topic;
        this.valueBytes = valueBytes;
        this.maxValueBytes = maxValueBytes;
    }

    public String topic() {
        return topic;
    }

    public int valueBytes() {
        return valueBytes;
    }

    public int maxValueBytes() {
        return maxValueBytes;
    }
}
