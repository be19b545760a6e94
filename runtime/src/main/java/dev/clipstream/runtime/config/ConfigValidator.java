package dev.clipstream.runtime.config;

/** Checks a parsed value beyond its type, e.g. a port range. */
@FunctionalInterface
public interface ConfigValidator {

    /**
     * @param value the parsed value (of the key's {@link ConfigType})
     * @throws IllegalArgumentException with a short reason ("must be between 0 and 65535") when invalid
     */
    void ensureValid(Object value);

    ConfigValidator NONE = value -> { };

    static ConfigValidator between(long min, long max) {
        return value -> {
            long number = ((Number) value).longValue();
            if (number < min || number > max) {
                throw new IllegalArgumentException("must be between " + min + " and " + max);
            }
        };
    }

    static ConfigValidator notBlank() {
        return value -> {
            if (value.toString().isBlank()) {
                throw new IllegalArgumentException("must not be blank");
            }
        };
    }

    static ConfigValidator oneOf(String... allowed) {
        java.util.List<String> options = java.util.List.of(allowed);
        return value -> {
            if (!options.contains(value.toString())) {
                throw new IllegalArgumentException("must be one of " + options);
            }
        };
    }
}
