package dev.clipstream.runtime.config;

import java.util.Locale;
import java.util.Optional;

/**
 * Maps environment variable names to configuration keys and back, in the convention of the Apache Kafka
 * container image: prefix {@value #PREFIX}, then {@code ___} is {@code -}, {@code __} is {@code _}, {@code _}
 * is {@code .}, lowercased. {@code CLIPSTREAM_KAFKA_BOOTSTRAP_SERVERS} is {@code kafka.bootstrap.servers}.
 *
 * <p>The mapping is exact both ways for every key in which no {@code _} or {@code -} touches a {@code .} or
 * another {@code _}/{@code -}; Clipstream's own keys all satisfy that.
 */
public final class EnvironmentNames {

    public static final String PREFIX = "CLIPSTREAM_";

    private static final char PLACEHOLDER = '\u0000';

    private EnvironmentNames() {
    }

    /** The key an environment variable sets, or empty when the variable does not carry the prefix. */
    public static Optional<String> toKey(String variable) {
        if (!variable.startsWith(PREFIX) || variable.length() == PREFIX.length()) {
            return Optional.empty();
        }
        // Same order as the Kafka image's sed script: longest underscore run first.
        String key = variable.substring(PREFIX.length())
                .replace("___", "-")
                .replace("__", String.valueOf(PLACEHOLDER))
                .replace('_', '.')
                .replace(PLACEHOLDER, '_')
                .toLowerCase(Locale.ROOT);
        return Optional.of(key);
    }

    /** The environment variable that sets a key. */
    public static String toVariable(String key) {
        return PREFIX + key
                .replace("_", "__")
                .replace("-", "___")
                .replace('.', '_')
                .toUpperCase(Locale.ROOT);
    }
}
