package dev.clipstream.schemas.topic;

/** An existing topic that differs from its spec in a way producers or consumers would notice. */
public record TopicConflict(String topic, String property, String declared, String actual) {

    @Override
    public String toString() {
        return "topic '" + topic + "': " + property + " is " + actual + ", declared " + declared;
    }
}
