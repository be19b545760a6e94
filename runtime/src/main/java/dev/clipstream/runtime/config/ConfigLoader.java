package dev.clipstream.runtime.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds a service's {@link EffectiveConfig} from four layers. <b>This is the one place the precedence is
 * defined</b>; docs/configuration.md describes the same order for users. Later layers override earlier ones:
 * <ol>
 *   <li>the default declared with each {@link ConfigKey} in code;</li>
 *   <li>the service's defaults resource on the classpath (e.g. {@code /ingest-defaults.properties});</li>
 *   <li>the properties file given with {@code --config FILE}, if any;</li>
 *   <li>environment variables {@code CLIPSTREAM_*}, mapped to keys by {@link EnvironmentNames}
 *       ({@code CLIPSTREAM_KAFKA_BOOTSTRAP_SERVERS} sets {@code kafka.bootstrap.servers}).</li>
 * </ol>
 * Every key from layers 2-4 must be declared or lie under a declared pass-through prefix; anything else is an
 * error naming the key, where it came from, and the closest known key. Values are parsed and validated here,
 * once, and all problems are reported together in one {@link ConfigException}.
 *
 * <p>The environment is a constructor argument so tests never depend on the real one.
 */
public final class ConfigLoader {

    private static final Logger LOG = LoggerFactory.getLogger(ConfigLoader.class);

    /** Namespaces every service shares (platform keys), so none of them marks a variable as this service's. */
    private static final Set<String> SHARED_NAMESPACES = Set.of("kafka", "schema", "management");

    private final ConfigDefinition definition;
    private final Map<String, String> environment;

    public ConfigLoader(ConfigDefinition definition, Map<String, String> environment) {
        this.definition = definition;
        this.environment = Map.copyOf(environment);
    }

    public static ConfigLoader withSystemEnvironment(ConfigDefinition definition) {
        return new ConfigLoader(definition, System.getenv());
    }

    /**
     * @param classpathDefaults absolute resource name of the service's defaults (must exist), or null for none
     * @param configFile        the {@code --config} file (must exist), or null when none was given
     * @throws ConfigException  listing every problem found
     */
    public EffectiveConfig load(String classpathDefaults, Path configFile) {
        Map<String, RawValue> raw = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();

        for (ConfigKey key : definition.keys()) {
            if (!key.isRequired()) {
                raw.put(key.name(), new RawValue(key.defaultValue(), ConfigSource.DECLARED_DEFAULT));
            }
        }
        if (classpathDefaults != null) {
            ConfigSource source = ConfigSource.classpath(classpathDefaults);
            readClasspath(classpathDefaults).forEach((name, value) -> accept(name, value, source, raw, problems));
        }
        if (configFile != null) {
            ConfigSource source = ConfigSource.file(configFile.toString());
            readFile(configFile).forEach((name, value) -> accept(name, value, source, raw, problems));
        }
        new TreeMap<>(environment).forEach((variable, value) -> {
            if (definition.isIgnoredVariable(variable)) {
                return;
            }
            EnvironmentNames.toKey(variable).ifPresent(name -> {
                if (belongsToAnotherService(name)) {
                    LOG.debug("Ignoring {}: key '{}' is not one of this service's", variable, name);
                } else {
                    accept(name, value, ConfigSource.environment(variable), raw, problems);
                }
            });
        });

        Map<String, EffectiveConfig.Entry> entries = new TreeMap<>();
        for (ConfigKey key : definition.keys()) {
            RawValue value = raw.get(key.name());
            if (value == null) {
                problems.add("Missing required key '" + key.name() + "' (" + key.doc() + "): set it in the --config"
                        + " file or with env " + key.environmentVariable());
                continue;
            }
            parse(key, value).ifPresentOrElse(
                    parsed -> entries.put(key.name(), new EffectiveConfig.Entry(key.name(), value.text(), parsed,
                            value.source(), key.secret() || SecretMasking.looksSecret(key.name()))),
                    () -> problems.add(describeBadValue(key, value)));
            if (entries.containsKey(key.name())) {
                validate(key, entries.get(key.name())).ifPresent(problems::add);
            }
        }
        raw.forEach((name, value) -> {
            if (definition.isPassThrough(name)) {
                entries.put(name, new EffectiveConfig.Entry(name, value.text(), value.text(), value.source(),
                        SecretMasking.looksSecret(name)));
            }
        });

        securityProblem(entries).ifPresent(problems::add);
        if (!problems.isEmpty()) {
            throw new ConfigException(problems);
        }
        return new EffectiveConfig(definition, entries);
    }

    /**
     * Services started from one shell or one compose env file share their {@code CLIPSTREAM_*} variables, so an
     * unknown key from the environment is only an error when it is likely meant for this service: it lies in a
     * namespace this service owns (the first segment of one of its own keys, e.g. {@code ingest.}), or it is
     * a near miss of one of its keys. Another service's keys ({@code labeling.batch.max.clips} seen by ingest)
     * and Kafka client prefixes this service does not use ({@code kafka.streams.} seen by ingest) are skipped.
     * Files name one service's keys, so every unknown key in a file stays an error.
     */
    private boolean belongsToAnotherService(String name) {
        if (definition.key(name).isPresent() || definition.isPassThrough(name)) {
            return false;
        }
        boolean unusedClientPrefix = ConfigDefinition.KAFKA_CLIENT_PREFIXES.stream()
                .anyMatch(prefix -> name.startsWith(prefix) && !definition.passThroughPrefixes().contains(prefix));
        if (unusedClientPrefix) {
            return true;
        }
        String namespace = firstSegment(name);
        boolean ownNamespace = !SHARED_NAMESPACES.contains(namespace) && definition.keys().stream()
                .anyMatch(key -> firstSegment(key.name()).equals(namespace));
        return !ownNamespace && KeySuggestions.closest(name, definition).isEmpty();
    }

    private static String firstSegment(String name) {
        int dot = name.indexOf('.');
        return dot < 0 ? name : name.substring(0, dot);
    }

    private void accept(String name, String value, ConfigSource source, Map<String, RawValue> raw,
                        List<String> problems) {
        if (definition.key(name).isPresent() || definition.isPassThrough(name)) {
            raw.put(name, new RawValue(value, source));
        } else {
            problems.add(describeUnknown(name, source));
        }
    }

    private String describeUnknown(String name, ConfigSource source) {
        StringBuilder message = new StringBuilder("Unknown key '").append(name).append("' (from ")
                .append(source.describe()).append(')');
        Optional<String> suggestion = KeySuggestions.closest(name, definition);
        if (suggestion.isPresent()) {
            message.append(": did you mean '").append(suggestion.get()).append('\'');
            if (source.layer() == ConfigSource.Layer.ENVIRONMENT) {
                message.append(" (env ").append(EnvironmentNames.toVariable(suggestion.get())).append(')');
            }
            message.append('?');
        } else {
            message.append(": known keys are ")
                    .append(definition.keys().stream().map(ConfigKey::name).sorted().toList());
            if (!definition.passThroughPrefixes().isEmpty()) {
                message.append(", plus any key under ").append(definition.passThroughPrefixes());
            }
        }
        return message.toString();
    }

    private static Optional<Object> parse(ConfigKey key, RawValue value) {
        try {
            return Optional.of(key.type().parse(value.text().trim()));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static String describeBadValue(ConfigKey key, RawValue value) {
        return "Key '" + key.name() + "' (from " + value.source().describe() + ") has value '" + shown(key, value)
                + "', which is not " + key.type().expected();
    }

    private static Optional<String> validate(ConfigKey key, EffectiveConfig.Entry entry) {
        try {
            key.validator().ensureValid(entry.value());
            return Optional.empty();
        } catch (IllegalArgumentException | ClassCastException e) {
            return Optional.of("Key '" + key.name() + "' (from " + entry.source().describe() + ") has value '"
                    + entry.displayText() + "': " + e.getMessage());
        }
    }

    /** The shared Kafka security keys must fit together (SASL needs a user name and a password). */
    private java.util.Optional<String> securityProblem(Map<String, EffectiveConfig.Entry> entries) {
        EffectiveConfig.Entry protocol = entries.get(KafkaClientSecurity.SECURITY_PROTOCOL);
        EffectiveConfig.Entry mechanism = entries.get(KafkaClientSecurity.SASL_MECHANISM);
        EffectiveConfig.Entry user = entries.get(KafkaClientSecurity.SASL_USERNAME);
        EffectiveConfig.Entry password = entries.get(KafkaClientSecurity.SASL_PASSWORD);
        if (protocol == null || mechanism == null || user == null || password == null) {
            return java.util.Optional.empty();
        }
        return KafkaClientSecurity.missingCredentials(protocol.value().toString(), user.value().toString(),
                password.value().toString());
    }

    private static String shown(ConfigKey key, RawValue value) {
        return SecretMasking.display(key.name(), key.secret(), value.text());
    }

    private static Map<String, String> readClasspath(String resource) {
        try (InputStream in = ConfigLoader.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new ConfigException("Defaults resource '" + resource + "' is not on the classpath"
                        + " (resource names are absolute, e.g. /ingest-defaults.properties)");
            }
            return read(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new ConfigException("Cannot read defaults resource '" + resource + "': " + e.getMessage());
        }
    }

    private static Map<String, String> readFile(Path file) {
        if (!Files.isRegularFile(file)) {
            throw new ConfigException("Config file " + file.toAbsolutePath() + " (given with --config) does not exist"
                    + " or is not a regular file");
        }
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(reader);
        } catch (IOException e) {
            throw new ConfigException("Cannot read config file " + file.toAbsolutePath() + ": " + e.getMessage());
        }
    }

    private static Map<String, String> read(Reader reader) throws IOException {
        Properties properties = new Properties();
        properties.load(reader);
        Map<String, String> values = new TreeMap<>();
        properties.stringPropertyNames().forEach(name -> values.put(name, properties.getProperty(name)));
        return values;
    }

    private record RawValue(String text, ConfigSource source) {
    }
}
