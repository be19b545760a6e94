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

    private DeadLetters() {
    }

    static String topic(Map<String, ?> configs) {
        Object topic = configs.get(TOPIC_CONFIG);
        return topic == null || topic.toString().isBlank() ? DEFAULT_TOPIC : topic.toString();
    }
}
