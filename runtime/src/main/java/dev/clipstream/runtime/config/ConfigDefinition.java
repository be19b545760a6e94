package dev.clipstream.runtime.config;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a service accepts: its declared keys, the prefixes whose keys are handed to Kafka clients unchecked, and
 * environment variables that carry the {@code CLIPSTREAM_} prefix but are not configuration.
 */
public final class ConfigDefinition {

    /** Pass-through prefixes every Kafka-using service will want; declare the ones a service uses. */
    public static final String KAFKA_PRODUCER = "kafka.producer.";
    public static final String KAFKA_CONSUMER = "kafka.consumer.";
    public static final String KAFKA_STREAMS = "kafka.streams.";
    public static final String KAFKA_ADMIN = "kafka.admin.";

    /** Read by devstack and the launcher, not by services; never an "unknown key". */
    public static final Set<String> DEFAULT_IGNORED_VARIABLES = Set.of("CLIPSTREAM_APICURIO_HOME");

    private final Map<String, ConfigKey> keys;
    private final List<String> passThroughPrefixes;
    private final Set<String> ignoredVariables;

    private ConfigDefinition(Map<String, ConfigKey> keys, List<String> passThroughPrefixes, Set<String> ignoredVariables) {
        this.keys = Collections.unmodifiableMap(new LinkedHashMap<>(keys));
        this.passThroughPrefixes = List.copyOf(passThroughPrefixes);
        this.ignoredVariables = Set.copyOf(ignoredVariables);
    }

    public static Builder builder() {
        return new Builder();
    }

    public Optional<ConfigKey> key(String name) {
        return Optional.ofNullable(keys.get(name));
    }

    public Collection<ConfigKey> keys() {
        return keys.values();
    }

    public List<String> passThroughPrefixes() {
        return passThroughPrefixes;
    }

    public boolean isPassThrough(String name) {
        return passThroughPrefixes.stream().anyMatch(prefix -> name.startsWith(prefix) && name.length() > prefix.length());
    }

    public boolean isIgnoredVariable(String variable) {
        return ignoredVariables.contains(variable);
    }

    public static final class Builder {
        private final Map<String, ConfigKey> keys = new LinkedHashMap<>();
        private final List<String> prefixes = new ArrayList<>();
        private final Set<String> ignoredVariables = new LinkedHashSet<>(DEFAULT_IGNORED_VARIABLES);

        private Builder() {
        }

        public Builder define(ConfigKey key) {
            if (keys.putIfAbsent(key.name(), key) != null) {
                throw new IllegalArgumentException("Configuration key '" + key.name() + "' is declared twice");
            }
            return this;
        }

        public Builder defineAll(Collection<ConfigKey> more) {
            more.forEach(this::define);
            return this;
        }

        /** Keys starting with this prefix (which must end with '.') are accepted as strings and handed on as-is. */
        public Builder passThrough(String prefix) {
            if (!prefix.endsWith(".")) {
                throw new IllegalArgumentException("Pass-through prefix must end with '.': '" + prefix + "'");
            }
            prefixes.add(prefix);
            return this;
        }

        public Builder ignoreVariable(String variable) {
            ignoredVariables.add(variable);
            return this;
        }

        public ConfigDefinition build() {
            for (String prefix : prefixes) {
                keys.keySet().stream().filter(name -> name.startsWith(prefix)).findFirst().ifPresent(name -> {
                    throw new IllegalArgumentException(
                            "Declared key '" + name + "' lies under pass-through prefix '" + prefix + "'");
                });
            }
            return new ConfigDefinition(keys, prefixes, ignoredVariables);
        }
    }
}
