package dev.clipstream.runtime.config;

/**
 * Where one configuration value came from; printed in error messages and in the effective-config table.
 *
 * @param layer    which layer of the precedence order supplied the value
 * @param location the resource name, file path or environment variable name ("" for declared defaults)
 */
public record ConfigSource(Layer layer, String location) {

    /** The layers, lowest precedence first. */
    public enum Layer { DECLARED_DEFAULT, CLASSPATH, FILE, ENVIRONMENT }

    public static final ConfigSource DECLARED_DEFAULT = new ConfigSource(Layer.DECLARED_DEFAULT, "");

    public static ConfigSource classpath(String resource) {
        return new ConfigSource(Layer.CLASSPATH, resource);
    }

    public static ConfigSource file(String path) {
        return new ConfigSource(Layer.FILE, path);
    }

    public static ConfigSource environment(String variable) {
        return new ConfigSource(Layer.ENVIRONMENT, variable);
    }

    /** Human-readable, e.g. {@code env CLIPSTREAM_MANAGEMENT_PORT} or {@code file /etc/ingest.properties}. */
    public String describe() {
        return switch (layer) {
            case DECLARED_DEFAULT -> "default";
            case CLASSPATH -> "classpath " + location;
            case FILE -> "file " + location;
            case ENVIRONMENT -> "env " + location;
        };
    }

    @Override
    public String toString() {
        return describe();
    }
}
