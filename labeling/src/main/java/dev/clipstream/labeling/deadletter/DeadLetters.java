package dev.clipstream.labeling.deadletter;

import dev.clipstream.schemas.topic.DeadLetterRecords;
import java.util.Map;

/**
 * Where labeling's exception handlers send dead letters: the Streams config key {@link #TOPIC_CONFIG}, else the
 * catalog's dead-letter topic. The record format (raw key and value, origin and error headers) is
 * {@link DeadLetterRecords}, shared with every other service.
 */
public final class DeadLetters {

    public static final String TOPIC_CONFIG = "clipstream.dead.letter.topic";
    public static final String DEFAULT_TOPIC = "clipstream.dead-letter";

    // The header names, for callers that read labeling's dead letters; they are DeadLetterRecords' names.
    public static final String SOURCE_TOPIC = DeadLetterRecords.SOURCE_TOPIC;
    public static final String SOURCE_PARTITION = DeadLetterRecords.SOURCE_PARTITION;
    public static final String SOURCE_OFFSET = DeadLetterRecords.SOURCE_OFFSET;
    public static final String ERROR_CLASS = DeadLetterRecords.ERROR_CLASS;
    public static final String ERROR_MESSAGE = DeadLetterRecords.ERROR_MESSAGE;
    public static final String PROCESSOR = DeadLetterRecords.PROCESSOR;

    private DeadLetters() {
    }

    static String topic(Map<String, ?> configs) {
        Object topic = configs.get(TOPIC_CONFIG);
        return topic == null || topic.toString().isBlank() ? DEFAULT_TOPIC : topic.toString();
    }
}
