package dev.clipstream.labeling.deadletter;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Builds dead-letter records: the raw key and value as they were read, and headers saying where they came from
 * and what went wrong. Both exception handlers read the target topic from the Streams config key
 * {@link #TOPIC_CONFIG}.
 */
public final class DeadLetters {

    public static final String TOPIC_CONFIG = "clipstream.dead.letter.topic";
    public static final String DEFAULT_TOPIC = "clipstream.dead-letter";

    public static final String SOURCE_TOPIC = "clipstream.dlq.source.topic";
    public static final String SOURCE_PARTITION = "clipstream.dlq.source.partition";
    public static final String SOURCE_OFFSET = "clipstream.dlq.source.offset";
    public static final String ERROR_CLASS = "clipstream.dlq.error.class";
    public static final String ERROR_MESSAGE = "clipstream.dlq.error.message";
    public static final String PROCESSOR = "clipstream.dlq.processor";

    private static final int MAX_MESSAGE_CHARS = 1_000;

    private DeadLetters() {
    }

    static String topic(Map<String, ?> configs) {
        Object topic = configs.get(TOPIC_CONFIG);
        return topic == null || topic.toString().isBlank() ? DEFAULT_TOPIC : topic.toString();
    }

    static ProducerRecord<byte[], byte[]> record(String deadLetterTopic, String sourceTopic, int partition,
                                                 long offset, byte[] key, byte[] value, Exception error,
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

    static String message(Exception error) {
        StringBuilder text = new StringBuilder(String.valueOf(error.getMessage()));
        for (Throwable cause = error.getCause(); cause != null && cause != cause.getCause(); cause = cause.getCause()) {
            text.append(" <- ").append(cause.getClass().getSimpleName()).append(": ").append(cause.getMessage());
        }
        return text.length() > MAX_MESSAGE_CHARS ? text.substring(0, MAX_MESSAGE_CHARS) : text.toString();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
