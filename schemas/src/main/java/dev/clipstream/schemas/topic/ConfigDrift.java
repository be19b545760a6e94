package dev.clipstream.schemas.topic;

/**
 * An existing topic's config value that differs from the catalog but that Kafka serves either way (retention,
 * min.insync.replicas, ...): reported, never changed by topic bootstrap, since an operator may have set it on purpose.
 */
public record ConfigDrift(String topic, String key, String expected, String actual) {

    @Override
    public String toString() {
        return key + " is " + actual + ", expected " + expected;
    }
}
