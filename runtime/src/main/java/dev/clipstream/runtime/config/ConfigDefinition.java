package dev.clipstream.runtime.config;

import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What a service accepts: its declared keys, the prefixes whose keys are handed to Kafka clients, and environment
 * variables that carry the {@code CLIPSTREAM_} prefix but are not configuration. A pass-through prefix may name
 * the keys its client knows (e.g. {@code ProducerConfig.configNames()}), so that a misspelt client key is an error
 * here instead of a warning in the client's log.
 */
public final class ConfigDefinition {

    /** Pass-through prefixes every Kafka-using service will want; declare the ones a service uses. */
    public static final String KAFKA_PRODUCER = "kafka.producer.";
    public static final String KAFKA_CONSUMER = "kafka.consumer.";
    public static final String KAFKA_STREAMS = "kafka.streams.";
    public static final String KAFKA_ADMIN = "kafka.admin.";
    /** Every Kafka client pass-through prefix a service may declare. */
    public static final List<String> KAFKA_CLIENT_PREFIXES = List.of(KAFKA_PRODUCER, KAFKA_CONSUMER, KAFKA_STREAMS,
            KAFKA_ADMIN);

    /** Read by devstack and the launcher, not by services; never an "unknown key". */
    public static final Set<String> DEFAULT_IGNORED_VARIABLES = Set.of("CLIPSTREAM_APICURIO_HOME");

    private final Map<String, ConfigKey> keys;
    private final Map<String, Set<String>> passThrough;
    private final Set<String> ignoredVariables;

    private ConfigDefinition(Map<String, ConfigKey> keys, Map<String, Set<String>> passThrough,
                             Set<String> ignoredVariables) {
        this.keys = Collections.unmodifiableMap(new LinkedHashMap<>(keys));
        this.passThrough = Collections.unmodifiableMap(new LinkedHashMap<>(passThrough));
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
        return List.copyOf(passThrough.keySet());
    }

    /** The client keys a pass-through prefix accepts; empty when it accepts any key. */
    public Set<String> passThroughNames(String prefix) {
        return passThrough.getOrDefault(prefix, Set.of());
    }

    public boolean isPassThrough(String name) {
        return passThrough.entrySet().stream().anyMatch(entry -> {
            String prefix = entry.getKey();
            if (!name.startsWith(prefix) || name.length() == prefix.length()) {
                return false;
            }
            return entry.getValue().isEmpty() || entry.getValue().contains(name.substring(prefix.length()));
        });
    }

    public boolean isIgnoredVariable(String variable) {
        return ignoredVariables.contains(variable);
    }

    public static final class Builder {
        private final Map<String, ConfigKey> keys = new LinkedHashMap<>();
        private final Map<String, Set<String>> prefixes = new LinkedHashMap<>();
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

        /** Any key starting with this prefix (which must end with '.') is accepted as a string and handed on. */
        public Builder passThrough(String prefix) {
            return passThrough(prefix, Set.of());
        }

        /**
         * Keys starting with this prefix (which must end with '.') are handed on, but only those whose rest is one
         * of {@code knownNames}, e.g. {@code ProducerConfig.configNames()}; any other is an unknown key.
         */
        public Builder passThrough(String prefix, Set<String> knownNames) {
            if (!prefix.endsWith(".")) {
                throw new IllegalArgumentException("Pass-through prefix must end with '.': '" + prefix + "'");
            }
            prefixes.put(prefix, Set.copyOf(knownNames));
            return this;
        }

        public Builder ignoreVariable(String variable) {
            ignoredVariables.add(variable);
            return this;
        }

        public ConfigDefinition build() {
            for (String prefix : prefixes.keySet()) {
                keys.keySet().stream().filter(name -> name.startsWith(prefix)).findFirst().ifPresent(name -> {
                    throw new IllegalArgumentException(
                            "Declared key '" + name + "' lies under pass-through prefix '" + prefix + "'");
                });
            }
            return new ConfigDefinition(keys, prefixes, ignoredVariables);
        }
    }
}
