package dev.clipstream.schemas.topic;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * The one format of a record on the dead-letter topic ({@link TopicCatalog#deadLetter()}), shared by every service:
 * the raw key and value as they were read, and headers saying where they came from and what went wrong.
 */
public final class DeadLetterRecords {

    public static final String SOURCE_TOPIC = "clipstream.dlq.source.topic";
    public static final String SOURCE_PARTITION = "clipstream.dlq.source.partition";
    public static final String SOURCE_OFFSET = "clipstream.dlq.source.offset";
    public static final String ERROR_CLASS = "clipstream.dlq.error.class";
    public static final String ERROR_MESSAGE = "clipstream.dlq.error.message";
    /** Only when the failure happened in a processing step: the step's name. */
    public static final String PROCESSOR = "clipstream.dlq.processor";

    private static final int MAX_MESSAGE_CHARS = 1_000;

    private DeadLetterRecords() {
    }

    /**
     * A dead-letter record for the source record at {@code sourceTopic}-{@code partition}@{@code offset}.
     *
     * @param processor the processing step that failed, or null (e.g. the record could not be deserialized)
     */
    public static ProducerRecord<byte[], byte[]> record(String deadLetterTopic, String sourceTopic, int partition,
                                                        long offset, byte[] key, byte[] value, Throwable error,
                                                        String processor) {
        Headers headers = new RecordHeaders();
        headers.add(SOURCE_TOPIC, utf8(String.valueOf(sourceTopic)));
        headers.add(SOURCE_PARTITION, utf8(Integer.toString(partition)));
        headers.add(SOURCE_OFFSET, utf8(Long.toString(offset)));
        headers.add(ERROR_CLASS, utf8(error.getClass().getName()));
        headers.add(ERROR_MESSAGE, utf8(message(error)));
        if (processor != null) {
            headers.add(PROCESSOR, utf8(processor));
        }
        return new ProducerRecord<>(deadLetterTopic, null, key, value, headers);
    }

    /** The error's message followed by its causes', cut to a header-friendly length. */
    public static String message(Throwable error) {
        StringBuilder text = new StringBuilder(String.valueOf(error.getMessage()));
        for (Throwable cause = error.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            text.append(" <- ").append(cause.getClass().getSimpleName()).append(": ").append(cause.getMessage());
        }
        return text.length() > MAX_MESSAGE_CHARS ? text.substring(0, MAX_MESSAGE_CHARS) : text.toString();
    }

    /** The bytes left in a buffer (e.g. RecordDeserializationException#valueBuffer()), or null for no buffer. */
    public static byte[] bytes(ByteBuffer buffer) {
        if (buffer == null) {
            return null;
        }
        byte[] bytes = new byte[buffer.remaining()];
        buffer.duplicate().get(bytes);
        return bytes;
    }

    /** The last value of a header as text, for readers of the dead-letter topic. */
    public static Optional<String> header(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        return header == null || header.value() == null ? Optional.empty()
                : Optional.of(new String(header.value(), StandardCharsets.UTF_8));
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
