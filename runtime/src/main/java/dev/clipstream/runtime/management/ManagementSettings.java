package dev.clipstream.runtime.management;

import dev.clipstream.runtime.config.ConfigKey;
import dev.clipstream.runtime.config.ConfigType;
import dev.clipstream.runtime.config.ConfigValidator;
import dev.clipstream.runtime.config.EffectiveConfig;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Where and how the management endpoint listens.
 *
 * @param serviceName       the value of the {@code service} tag on every metric
 * @param host              bind address; 0.0.0.0 = all interfaces
 * @param port              TCP port; 0 = any free port (read it back with {@link ManagementServer#port()})
 * @param readinessTimeout  how long one readiness check may take before it counts as failed
 */
public record ManagementSettings(String serviceName, String host, int port, Duration readinessTimeout) {

    public static final String HOST = "management.host";
    public static final String PORT = "management.port";
    public static final String READINESS_TIMEOUT = "management.readiness.timeout";

    public ManagementSettings {
        Objects.requireNonNull(serviceName, "serviceName");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(readinessTimeout, "readinessTimeout");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("Management port must be between 0 and 65535, was " + port);
        }
    }

    public static ManagementSettings of(String serviceName, String host, int port) {
        return new ManagementSettings(serviceName, host, port, Duration.ofSeconds(5));
    }

    /** The keys a service declares to make the endpoint configurable; {@code defaultPort} differs per service. */
    public static List<ConfigKey> configKeys(int defaultPort) {
        return List.of(
                ConfigKey.of(HOST, ConfigType.STRING, "0.0.0.0", "Bind address of the management endpoint")
                        .validatedBy(ConfigValidator.notBlank()),
                ConfigKey.of(PORT, ConfigType.INT, Integer.toString(defaultPort),
                                "Port of the management endpoint (/healthz, /readyz, /metrics); 0 = any free port")
                        .validatedBy(ConfigValidator.between(0, 65535)),
                ConfigKey.of(READINESS_TIMEOUT, ConfigType.DURATION, "5s",
                        "How long one readiness check may take before /readyz reports it as failing"));
    }

    public static ManagementSettings from(EffectiveConfig config, String serviceName) {
        return new ManagementSettings(serviceName, config.getString(HOST), config.getInt(PORT),
                config.getDuration(READINESS_TIMEOUT));
    }
}
