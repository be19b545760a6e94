package dev.clipstream.runtime.config;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * How a service's Kafka clients log in: the shared platform keys {@code kafka.security.protocol},
 * {@code kafka.sasl.mechanism}, {@code kafka.sasl.username} and {@code kafka.sasl.password} (secret). Every
 * Kafka-using service declares them through {@link PlatformSettings#configKeys()}, and
 * {@link EffectiveConfig#passThrough(String)} puts the resulting client settings under every Kafka client prefix
 * ({@code kafka.producer.}, {@code kafka.consumer.}, {@code kafka.streams.}, {@code kafka.admin.}), so each
 * producer, consumer, Streams app and Admin a service builds from its pass-through map logs in as the service's
 * own principal. An explicit pass-through key (e.g. {@code kafka.producer.sasl.jaas.config}) still wins.
 *
 * @param protocol  PLAINTEXT (default: nothing is added), SASL_PLAINTEXT or SASL_SSL
 * @param mechanism SCRAM-SHA-512 (default), SCRAM-SHA-256 or PLAIN
 * @param username  the service's Kafka user, e.g. clipstream-ingest; required with SASL
 * @param password  its password; required with SASL; never printed
 */
public record KafkaClientSecurity(String protocol, String mechanism, String username, String password) {

    public static final String SECURITY_PROTOCOL = "kafka.security.protocol";
    public static final String SASL_MECHANISM = "kafka.sasl.mechanism";
    public static final String SASL_USERNAME = "kafka.sasl.username";
    public static final String SASL_PASSWORD = "kafka.sasl.password";

    public static final String PLAINTEXT = "PLAINTEXT";
    private static final List<String> PROTOCOLS = List.of(PLAINTEXT, "SASL_PLAINTEXT", "SASL_SSL");
    private static final List<String> MECHANISMS = List.of("SCRAM-SHA-512", "SCRAM-SHA-256", "PLAIN");

    public KafkaClientSecurity {
        Objects.requireNonNull(protocol, "protocol");
        Objects.requireNonNull(mechanism, "mechanism");
        username = username == null ? "" : username;
        password = password == null ? "" : password;
        problem(protocol, mechanism, username, password).ifPresent(problem -> {
            throw new IllegalArgumentException(problem);
        });
    }

    /** No authentication: the clients get no security settings at all. */
    public static KafkaClientSecurity none() {
        return new KafkaClientSecurity(PLAINTEXT, "SCRAM-SHA-512", "", "");
    }

    /** SASL_PLAINTEXT with SCRAM-SHA-512, as the secured devstack wants it. */
    public static KafkaClientSecurity scram(String username, String password) {
        return new KafkaClientSecurity("SASL_PLAINTEXT", "SCRAM-SHA-512", username, password);
    }

    public static List<ConfigKey> configKeys() {
        return List.of(
                ConfigKey.of(SECURITY_PROTOCOL, ConfigType.STRING, PLAINTEXT,
                                "Security protocol of every Kafka client of the service: PLAINTEXT, SASL_PLAINTEXT "
                                        + "or SASL_SSL (see docs/security.md)")
                        .validatedBy(ConfigValidator.oneOf(PROTOCOLS.toArray(String[]::new))),
                ConfigKey.of(SASL_MECHANISM, ConfigType.STRING, "SCRAM-SHA-512",
                                "SASL mechanism when the protocol is SASL_*")
                        .validatedBy(ConfigValidator.oneOf(MECHANISMS.toArray(String[]::new))),
                ConfigKey.of(SASL_USERNAME, ConfigType.STRING, "",
                        "Kafka user (principal User:<name>) of this service when the protocol is SASL_*, "
                                + "e.g. clipstream-ingest"),
                ConfigKey.of(SASL_PASSWORD, ConfigType.STRING, "",
                        "Password of kafka.sasl.username (secret: always masked)").asSecret());
    }

    /** The security of a config that declares {@link #configKeys()}; {@link #none()} if it does not. */
    public static KafkaClientSecurity from(EffectiveConfig config) {
        if (config.sourceOf(SECURITY_PROTOCOL).isEmpty()) {
            return none();
        }
        return new KafkaClientSecurity(config.getString(SECURITY_PROTOCOL), config.getString(SASL_MECHANISM),
                config.getString(SASL_USERNAME), config.getString(SASL_PASSWORD));
    }

    /** Why these values cannot work together, or empty; the loader reports it with the other problems. */
    static Optional<String> problem(String protocol, String mechanism, String username, String password) {
        if (!PROTOCOLS.contains(protocol)) {
            return Optional.of("'" + SECURITY_PROTOCOL + "' must be one of " + PROTOCOLS + ", got '" + protocol + "'");
        }
        if (protocol.startsWith("SASL_") && !MECHANISMS.contains(mechanism)) {
            return Optional.of("'" + SASL_MECHANISM + "' must be one of " + MECHANISMS + ", got '" + mechanism + "'");
        }
        return missingCredentials(protocol, username, password);
    }

    /** SASL without a user name or password; the loader adds it to the problems its validators found. */
    static Optional<String> missingCredentials(String protocol, String username, String password) {
        if (protocol.startsWith("SASL_")) {
            if (username.isBlank() || password.isEmpty()) {
                return Optional.of("'" + SECURITY_PROTOCOL + "' is " + protocol + ", so '" + SASL_USERNAME
                        + "' (env CLIPSTREAM_KAFKA_SASL_USERNAME) and '" + SASL_PASSWORD
                        + "' (env CLIPSTREAM_KAFKA_SASL_PASSWORD) must both be set"
                        + (username.isBlank() ? "; the user name is missing" : "; the password is missing"));
            }
        }
        return Optional.empty();
    }

    public boolean enabled() {
        return !protocol.equals(PLAINTEXT);
    }

    /**
     * Kafka client settings: {@code security.protocol}, {@code sasl.mechanism}, {@code sasl.jaas.config}; empty
     * for PLAINTEXT, so an unsecured service's client configs stay exactly as before.
     */
    public Map<String, String> clientConfig() {
        Map<String, String> config = new TreeMap<>();
        if (!enabled()) {
            return config;
        }
        config.put("security.protocol", protocol);
        config.put("sasl.mechanism", mechanism);
        String module = mechanism.startsWith("SCRAM")
                ? "org.apache.kafka.common.security.scram.ScramLoginModule"
                : "org.apache.kafka.common.security.plain.PlainLoginModule";
        config.put("sasl.jaas.config", module + " required username=\"" + escape(username) + "\" password=\""
                + escape(password) + "\";");
        return config;
    }

    /**
     * The login settings ({@code security.protocol}, {@code sasl.*}, {@code ssl.*}) of a client config, e.g. of a
     * consumer's pass-through map, for another client the service builds from it (an Admin for readiness checks).
     */
    public static Map<String, Object> loginSettings(Map<String, ?> clientConfig) {
        Map<String, Object> login = new TreeMap<>();
        clientConfig.forEach((key, value) -> {
            if (key.equals("security.protocol") || key.startsWith("sasl.") || key.startsWith("ssl.")) {
                login.put(key, value);
            }
        });
        return login;
    }

    private static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"");
    }

    @Override
    public String toString() {
        return "KafkaClientSecurity[protocol=" + protocol + ", mechanism=" + mechanism + ", username=" + username
                + ", password=" + (password.isEmpty() ? "" : SecretMasking.MASK) + "]";
    }
}
