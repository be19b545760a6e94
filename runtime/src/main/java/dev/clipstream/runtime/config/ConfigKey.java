package dev.clipstream.runtime.config;

import java.util.Objects;

/**
 * One key a service declares: name, type, default, documentation, whether it is secret, and an optional validator.
 *
 * @param defaultValue the default as text (parsed like any other source), or {@code null} when the key is required
 */
public record ConfigKey(String name, ConfigType type, String defaultValue, String doc, boolean secret,
                        ConfigValidator validator) {

    public ConfigKey {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(doc, "doc");
        Objects.requireNonNull(validator, "validator");
        if (name.isBlank() || !name.equals(name.trim())) {
            throw new IllegalArgumentException("Configuration key name must be non-blank without spaces: '" + name + "'");
        }
    }

    public static ConfigKey of(String name, ConfigType type, String defaultValue, String doc) {
        return new ConfigKey(name, type, defaultValue, doc, false, ConfigValidator.NONE);
    }

    public static ConfigKey required(String name, ConfigType type, String doc) {
        return new ConfigKey(name, type, null, doc, false, ConfigValidator.NONE);
    }

    /** The same key, with its value masked wherever it is printed. */
    public ConfigKey asSecret() {
        return new ConfigKey(name, type, defaultValue, doc, true, validator);
    }

    public ConfigKey validatedBy(ConfigValidator newValidator) {
        return new ConfigKey(name, type, defaultValue, doc, secret, newValidator);
    }

    public boolean isRequired() {
        return defaultValue == null;
    }

    /** The environment variable that sets this key. */
    public String environmentVariable() {
        return EnvironmentNames.toVariable(name);
    }
}
