package dev.clipstream.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {

    private static final String LAYERED_DEFAULTS = "/config/layered-defaults.properties";

    private static final ConfigDefinition DEFINITION = ConfigDefinition.builder()
            .define(ConfigKey.of("from.default", ConfigType.STRING, "default", "never overridden"))
            .define(ConfigKey.of("from.classpath", ConfigType.STRING, "default", "set by the classpath layer"))
            .define(ConfigKey.of("from.file", ConfigType.STRING, "default", "set up to the file layer"))
            .define(ConfigKey.of("from.env", ConfigType.STRING, "default", "set up to the env layer"))
            .define(ConfigKey.of("kafka.bootstrap.servers", ConfigType.STRING, "localhost:9092", "Kafka brokers"))
            .define(ConfigKey.of("management.port", ConfigType.INT, "8081", "Management port")
                    .validatedBy(ConfigValidator.between(0, 65535)))
            .define(ConfigKey.of("ingest.enabled", ConfigType.BOOLEAN, "true", "Feature switch"))
            .define(ConfigKey.of("ingest.max.clip.bytes", ConfigType.LONG, "1048576", "Largest clip accepted"))
            .define(ConfigKey.of("ingest.sample.ratio", ConfigType.DOUBLE, "0.5", "Sampling ratio"))
            .define(ConfigKey.of("ingest.poll.timeout", ConfigType.DURATION, "30s", "Poll timeout"))
            .define(ConfigKey.of("ingest.cameras", ConfigType.LIST, "front,rear", "Camera names"))
            .define(ConfigKey.of("storage.access.key", ConfigType.STRING, "AKIA-visible", "Not a secret by name"))
            .define(ConfigKey.of("storage.signing.key", ConfigType.STRING, "declared-secret", "Declared secret")
                    .asSecret())
            .passThrough(ConfigDefinition.KAFKA_PRODUCER)
            .passThrough(ConfigDefinition.KAFKA_CONSUMER)
            .build();

    @TempDir
    Path tempDir;

    @Test
    void laterLayersOverrideEarlierOnes() throws IOException {
        Path file = write("from.file=file\nfrom.env=file\n");
        Map<String, String> env = Map.of("CLIPSTREAM_FROM_ENV", "env");

        EffectiveConfig config = new ConfigLoader(DEFINITION, env).load(LAYERED_DEFAULTS, file);

        assertThat(config.getString("from.default")).isEqualTo("default");
        assertThat(config.getString("from.classpath")).isEqualTo("classpath");
        assertThat(config.getString("from.file")).isEqualTo("file");
        assertThat(config.getString("from.env")).isEqualTo("env");
        assertThat(config.sourceOf("from.default")).contains(ConfigSource.DECLARED_DEFAULT);
        assertThat(config.sourceOf("from.classpath")).contains(ConfigSource.classpath(LAYERED_DEFAULTS));
        assertThat(config.sourceOf("from.file")).contains(ConfigSource.file(file.toString()));
        assertThat(config.sourceOf("from.env")).contains(ConfigSource.environment("CLIPSTREAM_FROM_ENV"));
    }

    @Test
    void parsesEveryDeclaredType() {
        Map<String, String> env = Map.of(
                "CLIPSTREAM_MANAGEMENT_PORT", "9100",
                "CLIPSTREAM_INGEST_ENABLED", "FALSE",
                "CLIPSTREAM_INGEST_MAX_CLIP_BYTES", "5000000000",
                "CLIPSTREAM_INGEST_SAMPLE_RATIO", "0.25",
                "CLIPSTREAM_INGEST_POLL_TIMEOUT", "250ms",
                "CLIPSTREAM_INGEST_CAMERAS", " front , left,,right ");

        EffectiveConfig config = new ConfigLoader(DEFINITION, env).load(null, null);

        assertThat(config.getInt("management.port")).isEqualTo(9100);
        assertThat(config.getBoolean("ingest.enabled")).isFalse();
        assertThat(config.getLong("ingest.max.clip.bytes")).isEqualTo(5_000_000_000L);
        assertThat(config.getDouble("ingest.sample.ratio")).isEqualTo(0.25);
        assertThat(config.getDuration("ingest.poll.timeout")).isEqualTo(Duration.ofMillis(250));
        assertThat(config.getList("ingest.cameras")).containsExactly("front", "left", "right");
    }

    @Test
    void unknownEnvironmentKeyNamesVariableKeyAndSuggestion() {
        Map<String, String> env = Map.of("CLIPSTREAM_KAFKA_BOOTSTRAP_SERVER", "broker:9092");

        assertThatThrownBy(() -> new ConfigLoader(DEFINITION, env).load(null, null))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("Unknown key 'kafka.bootstrap.server'")
                .hasMessageContaining("env CLIPSTREAM_KAFKA_BOOTSTRAP_SERVER")
                .hasMessageContaining("did you mean 'kafka.bootstrap.servers' (env CLIPSTREAM_KAFKA_BOOTSTRAP_SERVERS)?");
    }

    @Test
    void unknownFileKeyNamesFileAndSuggestion() throws IOException {
        Path file = write("managment.port=9000\n");

        assertThatThrownBy(() -> new ConfigLoader(DEFINITION, Map.of()).load(null, file))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("Unknown key 'managment.port'")
                .hasMessageContaining("file " + file)
                .hasMessageContaining("did you mean 'management.port'?");
    }

    @Test
    void unknownClasspathKeyNamesResource() {
        assertThatThrownBy(() -> new ConfigLoader(DEFINITION, Map.of())
                .load("/config/misspelled-defaults.properties", null))
                .hasMessageContaining("Unknown key 'from.clsspath'")
                .hasMessageContaining("classpath /config/misspelled-defaults.properties")
                .hasMessageContaining("did you mean 'from.classpath'?");
    }

    @Test
    void misspelledPassThroughPrefixSuggestsTheDeclaredPrefix() {
        Map<String, String> env = Map.of("CLIPSTREAM_KAFKA_PRODUCE_ACKS", "all");

        assertThatThrownBy(() -> new ConfigLoader(DEFINITION, env).load(null, null))
                .hasMessageContaining("did you mean 'kafka.producer.acks'");
    }

    @Test
    void checkedPassThroughAcceptsTheClientsKeysAndSuggestsTheOneAMisspeltKeyMeant() {
        ConfigDefinition checked = ConfigDefinition.builder()
                .passThrough(ConfigDefinition.KAFKA_PRODUCER, Set.of("acks", "linger.ms", "batch.size"))
                .build();

        EffectiveConfig config = new ConfigLoader(checked, Map.of("CLIPSTREAM_KAFKA_PRODUCER_LINGER_MS", "5"))
                .load(null, null);
        assertThat(config.passThrough(ConfigDefinition.KAFKA_PRODUCER)).containsExactlyEntriesOf(Map.of("linger.ms", "5"));

        assertThatThrownBy(() -> new ConfigLoader(checked, Map.of("CLIPSTREAM_KAFKA_PRODUCER_LINGER_MSX", "5"))
                .load(null, null))
                .hasMessageContaining("Unknown key 'kafka.producer.linger.msx' (from env CLIPSTREAM_KAFKA_PRODUCER_LINGER_MSX)")
                .hasMessageContaining("did you mean 'kafka.producer.linger.ms'");
    }

    @Test
    void keyFarFromEverythingListsTheKnownKeys() throws IOException {
        Path file = write("completely.different=x\n");
        assertThatThrownBy(() -> new ConfigLoader(DEFINITION, Map.of()).load(null, file))
                .hasMessageContaining("Unknown key 'completely.different'")
                .hasMessageContaining("known keys are [from.classpath")
                .hasMessageContaining("plus any key under [kafka.producer., kafka.consumer.]");
    }

    @Test
    void passThroughKeysReachTheirPrefixMapWithoutThePrefix() throws IOException {
        Path file = write("kafka.consumer.max.poll.records=50\n");
        Map<String, String> env = Map.of("CLIPSTREAM_KAFKA_PRODUCER_ACKS", "all",
                "CLIPSTREAM_KAFKA_PRODUCER_LINGER_MS", "5");

        EffectiveConfig config = new ConfigLoader(DEFINITION, env).load(null, file);

        assertThat(config.passThrough(ConfigDefinition.KAFKA_PRODUCER))
                .containsExactlyInAnyOrderEntriesOf(Map.of("acks", "all", "linger.ms", "5"));
        assertThat(config.passThrough(ConfigDefinition.KAFKA_CONSUMER))
                .containsExactlyEntriesOf(Map.of("max.poll.records", "50"));
        assertThatThrownBy(() -> config.passThrough(ConfigDefinition.KAFKA_STREAMS))
                .hasMessageContaining("'kafka.streams.' is not a declared pass-through prefix");
    }

    @Test
    void environmentOutsideThePrefixAndReservedVariablesAreIgnored() {
        Map<String, String> env = Map.of("PATH", "/usr/bin", "KAFKA_HEAP_OPTS", "-Xmx1g",
                "CLIPSTREAM_APICURIO_HOME", "/opt/apicurio");

        EffectiveConfig config = new ConfigLoader(DEFINITION, env).load(null, null);

        assertThat(config.getString("from.env")).isEqualTo("default");
    }

    @Test
    void environmentMeantForAnotherServiceIsIgnoredButATypoInOwnNamespaceIsAnError() {
        // One shell (or compose env file) for every service: labeling's and dispatch's variables, and a Kafka
        // client prefix this service does not declare, must not stop ingest.
        Map<String, String> shared = Map.of("CLIPSTREAM_LABELING_BATCH_MAX_CLIPS", "50",
                "CLIPSTREAM_DISPATCH_POLICY_ORDER", "dojo,nvidia",
                "CLIPSTREAM_KAFKA_STREAMS_NUM_STREAM_THREADS", "2",
                "CLIPSTREAM_INGEST_MAX_CLIP_BYTES", "2048");

        EffectiveConfig config = new ConfigLoader(DEFINITION, shared).load(null, null);

        assertThat(config.getLong("ingest.max.clip.bytes")).isEqualTo(2048);
        assertThat(config.entries()).doesNotContainKeys("labeling.batch.max.clips", "dispatch.policy.order",
                "kafka.streams.num.stream.threads");

        Map<String, String> typo = Map.of("CLIPSTREAM_INGEST_MAX_CLIP_BYTE", "2048",
                "CLIPSTREAM_INGEST_BLOB_DIR", "/data");
        ConfigException error = catchThrowableOfType(ConfigException.class,
                () -> new ConfigLoader(DEFINITION, typo).load(null, null));
        assertThat(error.problems()).hasSize(2);
        assertThat(error.problems()).anySatisfy(problem -> assertThat(problem)
                .contains("Unknown key 'ingest.max.clip.byte'").contains("did you mean 'ingest.max.clip.bytes'"));
        assertThat(error.problems()).anySatisfy(problem -> assertThat(problem)
                .contains("Unknown key 'ingest.blob.dir' (from env CLIPSTREAM_INGEST_BLOB_DIR)"));
    }

    @Test
    void valueOfWrongTypeNamesKeyValueSourceAndExpectedType() {
        Map<String, String> env = Map.of("CLIPSTREAM_MANAGEMENT_PORT", "eighty", "CLIPSTREAM_INGEST_ENABLED", "yes");

        ConfigException error = catchThrowableOfType(ConfigException.class,
                () -> new ConfigLoader(DEFINITION, env).load(null, null));

        assertThat(error.problems()).containsExactlyInAnyOrder(
                "Key 'ingest.enabled' (from env CLIPSTREAM_INGEST_ENABLED) has value 'yes', which is not true or false",
                "Key 'management.port' (from env CLIPSTREAM_MANAGEMENT_PORT) has value 'eighty', which is not an integer");
        assertThat(error).hasMessageStartingWith("Invalid configuration (2 problems):");
    }

    @Test
    void valueFailingItsValidatorNamesTheRule() throws IOException {
        Path file = write("management.port=70000\n");

        assertThatThrownBy(() -> new ConfigLoader(DEFINITION, Map.of()).load(null, file))
                .hasMessageContaining("Key 'management.port' (from file " + file + ") has value '70000'")
                .hasMessageContaining("must be between 0 and 65535");
    }

    @Test
    void badDurationSaysWhatADurationLooksLike() {
        assertThatThrownBy(() -> new ConfigLoader(DEFINITION, Map.of("CLIPSTREAM_INGEST_POLL_TIMEOUT", "soon"))
                .load(null, null))
                .hasMessageContaining("has value 'soon', which is not a duration such as 500ms");
    }

    @Test
    void missingRequiredKeyNamesTheVariableThatSetsIt() {
        ConfigDefinition withRequired = ConfigDefinition.builder()
                .define(ConfigKey.required("schema.registry.url", ConfigType.STRING, "Registry base URL"))
                .build();

        assertThatThrownBy(() -> new ConfigLoader(withRequired, Map.of()).load(null, null))
                .hasMessageContaining("Missing required key 'schema.registry.url'")
                .hasMessageContaining("env CLIPSTREAM_SCHEMA_REGISTRY_URL");
    }

    @Test
    void missingConfigFileIsNamed() {
        Path missing = tempDir.resolve("nope.properties");

        assertThatThrownBy(() -> new ConfigLoader(DEFINITION, Map.of()).load(null, missing))
                .hasMessageContaining(missing.toAbsolutePath().toString())
                .hasMessageContaining("does not exist");
    }

    @Test
    void missingDefaultsResourceIsNamed() {
        assertThatThrownBy(() -> new ConfigLoader(DEFINITION, Map.of()).load("/no-such-defaults.properties", null))
                .hasMessageContaining("'/no-such-defaults.properties' is not on the classpath");
    }

    @Test
    void secretValueNeverAppearsInATypeError() {
        ConfigDefinition withSecretNumber = ConfigDefinition.builder()
                .define(ConfigKey.of("vault.pin", ConfigType.INT, "0", "PIN").asSecret())
                .build();

        assertThatThrownBy(() -> new ConfigLoader(withSecretNumber, Map.of("CLIPSTREAM_VAULT_PIN", "hunter2"))
                .load(null, null))
                .hasMessageContaining("has value '******'")
                .hasMessageNotContaining("hunter2");
    }

    @Test
    void typedGetterRefusesUndeclaredKeysAndTheWrongType() {
        EffectiveConfig config = new ConfigLoader(DEFINITION, Map.of()).load(null, null);

        assertThatThrownBy(() -> config.getString("from.envv"))
                .hasMessageContaining("'from.envv' is not a declared configuration key; did you mean 'from.env'?");
        assertThatThrownBy(() -> config.getBoolean("management.port"))
                .hasMessageContaining("Key 'management.port' is declared as INT");
    }

    private Path write(String content) throws IOException {
        Path file = tempDir.resolve("service.properties");
        Files.writeString(file, content);
        return file;
    }
}
