package dev.clipstream.runtime.config;

import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A service's parsed and validated configuration, made by {@link ConfigLoader}: typed getters for declared keys,
 * pass-through maps for Kafka clients, and the source of every value.
 */
public final class EffectiveConfig {

    private static final Logger LOG = LoggerFactory.getLogger(EffectiveConfig.class);

    private final ConfigDefinition definition;
    private final Map<String, Entry> entries;

    EffectiveConfig(ConfigDefinition definition, Map<String, Entry> entries) {
        this.definition = definition;
        this.entries = Collections.unmodifiableMap(new TreeMap<>(entries));
    }

    /**
     * One effective value.
     *
     * @param text   the text as written in its source
     * @param value  the parsed value (a String for pass-through keys)
     * @param secret whether the value must be masked when shown
     */
    public record Entry(String key, String text, Object value, ConfigSource source, boolean secret) {

        public String displayText() {
            return secret ? SecretMasking.MASK : text;
        }
    }

    public String getString(String key) {
        return typed(key, ConfigType.STRING, String.class);
    }

    public int getInt(String key) {
        return typed(key, ConfigType.INT, Integer.class);
    }

    public long getLong(String key) {
        return typed(key, ConfigType.LONG, Long.class);
    }

    public double getDouble(String key) {
        return typed(key, ConfigType.DOUBLE, Double.class);
    }

    public boolean getBoolean(String key) {
        return typed(key, ConfigType.BOOLEAN, Boolean.class);
    }

    public Duration getDuration(String key) {
        return typed(key, ConfigType.DURATION, Duration.class);
    }

    @SuppressWarnings("unchecked")
    public List<String> getList(String key) {
        return typed(key, ConfigType.LIST, List.class);
    }

    /** Where a key's value came from; empty for keys without a value. */
    public Optional<ConfigSource> sourceOf(String key) {
        return Optional.ofNullable(entries.get(key)).map(Entry::source);
    }

    /**
     * Every pass-through value under a declared prefix, with the prefix removed, ready for a Kafka client
     * ({@code kafka.producer.acks=all} becomes {@code acks=all}). Under a Kafka client prefix the map also holds
     * the service's login ({@link KafkaClientSecurity#clientConfig()}: security.protocol, sasl.mechanism,
     * sasl.jaas.config) when the shared security keys ask for one; an explicit pass-through key wins.
     */
    public Map<String, String> passThrough(String prefix) {
        if (!definition.passThroughPrefixes().contains(prefix)) {
            throw new IllegalArgumentException("'" + prefix + "' is not a declared pass-through prefix; declared: "
                    + definition.passThroughPrefixes());
        }
        Map<String, String> values = new TreeMap<>();
        if (ConfigDefinition.KAFKA_CLIENT_PREFIXES.contains(prefix)) {
            values.putAll(KafkaClientSecurity.from(this).clientConfig());
        }
        entries.forEach((key, entry) -> {
            if (key.startsWith(prefix) && definition.key(key).isEmpty()) {
                values.put(key.substring(prefix.length()), entry.text());
            }
        });
        return values;
    }

    public Map<String, Entry> entries() {
        return entries;
    }

    /** The effective configuration as a table sorted by key: key, value (secrets masked), source. */
    public String toTable() {
        int keyWidth = "KEY".length();
        int valueWidth = "VALUE".length();
        for (Entry entry : entries.values()) {
            keyWidth = Math.max(keyWidth, entry.key().length());
            valueWidth = Math.max(valueWidth, entry.displayText().length());
        }
        String format = "%-" + keyWidth + "s  %-" + valueWidth + "s  %s";
        StringBuilder table = new StringBuilder(String.format(format, "KEY", "VALUE", "SOURCE").stripTrailing());
        for (Entry entry : entries.values()) {
            table.append(System.lineSeparator())
                    .append(String.format(format, entry.key(), entry.displayText(), entry.source().describe()));
        }
        return table.toString();
    }

    /** Logs {@link #toTable()} once; call it at service start. */
    public void logEffectiveConfig(String serviceName) {
        LOG.info("Effective configuration of {}:{}{}", serviceName, System.lineSeparator(), toTable());
    }

    private <T> T typed(String key, ConfigType requested, Class<T> javaType) {
        ConfigKey declared = definition.key(key).orElseThrow(() -> new IllegalArgumentException(
                "'" + key + "' is not a declared configuration key"
                        + KeySuggestions.closest(key, definition).map(s -> "; did you mean '" + s + "'?").orElse("")));
        if (declared.type() != requested) {
            throw new IllegalArgumentException("Key '" + key + "' is declared as " + declared.type()
                    + ", so read it with the matching getter, not as " + requested);
        }
        return javaType.cast(entries.get(key).value());
    }
}
