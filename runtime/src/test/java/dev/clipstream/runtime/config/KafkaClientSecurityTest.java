package dev.clipstream.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class KafkaClientSecurityTest {

    private static final ConfigDefinition DEFINITION = ConfigDefinition.builder()
            .defineAll(PlatformSettings.configKeys())
            .passThrough(ConfigDefinition.KAFKA_PRODUCER)
            .passThrough(ConfigDefinition.KAFKA_CONSUMER)
            .passThrough(ConfigDefinition.KAFKA_STREAMS)
            .passThrough(ConfigDefinition.KAFKA_ADMIN)
            .build();

    private static Map<String, String> env(String... pairs) {
        Map<String, String> env = new HashMap<>(Map.of(
                "CLIPSTREAM_KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092",
                "CLIPSTREAM_SCHEMA_REGISTRY_URL", "http://127.0.0.1:8081"));
        for (int i = 0; i < pairs.length; i += 2) {
            env.put(pairs[i], pairs[i + 1]);
        }
        return env;
    }

    private static EffectiveConfig load(Map<String, String> env) {
        return new ConfigLoader(DEFINITION, env).load(null, null);
    }

    @Test
    void withoutSecurityKeysNoClientGetsAnySecuritySetting() {
        EffectiveConfig config = load(env("CLIPSTREAM_KAFKA_PRODUCER_LINGER_MS", "5"));

        assertThat(config.passThrough(ConfigDefinition.KAFKA_PRODUCER)).containsExactly(Map.entry("linger.ms", "5"));
        for (String prefix : ConfigDefinition.KAFKA_CLIENT_PREFIXES) {
            assertThat(config.passThrough(prefix)).doesNotContainKeys("security.protocol", "sasl.jaas.config");
        }
        assertThat(KafkaClientSecurity.from(config).enabled()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"kafka.producer.", "kafka.consumer.", "kafka.streams.", "kafka.admin."})
    void saslSettingsReachEveryKafkaClientPrefix(String prefix) {
        EffectiveConfig config = load(env("CLIPSTREAM_KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT",
                "CLIPSTREAM_KAFKA_SASL_USERNAME", "clipstream-ingest",
                "CLIPSTREAM_KAFKA_SASL_PASSWORD", "s3cret"));

        Map<String, String> client = config.passThrough(prefix);

        assertThat(client).containsEntry("security.protocol", "SASL_PLAINTEXT")
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsEntry("sasl.jaas.config", "org.apache.kafka.common.security.scram.ScramLoginModule required"
                        + " username=\"clipstream-ingest\" password=\"s3cret\";");
    }

    @Test
    void anExplicitClientKeyWinsOverTheSharedOne() {
        EffectiveConfig config = load(env("CLIPSTREAM_KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT",
                "CLIPSTREAM_KAFKA_SASL_USERNAME", "clipstream-ingest",
                "CLIPSTREAM_KAFKA_SASL_PASSWORD", "s3cret",
                "CLIPSTREAM_KAFKA_ADMIN_SASL_MECHANISM", "PLAIN"));

        assertThat(config.passThrough(ConfigDefinition.KAFKA_ADMIN)).containsEntry("sasl.mechanism", "PLAIN");
        assertThat(config.passThrough(ConfigDefinition.KAFKA_PRODUCER)).containsEntry("sasl.mechanism",
                "SCRAM-SHA-512");
    }

    @Test
    void saslWithoutPasswordIsAConfigErrorNamingTheVariable() {
        assertThatThrownBy(() -> load(env("CLIPSTREAM_KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT",
                "CLIPSTREAM_KAFKA_SASL_USERNAME", "clipstream-ingest")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("CLIPSTREAM_KAFKA_SASL_PASSWORD")
                .hasMessageContaining("password is missing");
    }

    @Test
    void anUnknownProtocolIsRefusedOnce() {
        assertThatThrownBy(() -> load(env("CLIPSTREAM_KAFKA_SECURITY_PROTOCOL", "SSLX")))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("kafka.security.protocol")
                .satisfies(e -> assertThat(((ConfigException) e).problems()).hasSize(1));
    }

    @Test
    void thePasswordIsNeverShown() {
        EffectiveConfig config = load(env("CLIPSTREAM_KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT",
                "CLIPSTREAM_KAFKA_SASL_USERNAME", "clipstream-ingest",
                "CLIPSTREAM_KAFKA_SASL_PASSWORD", "pw-visible-nowhere"));

        assertThat(config.toTable()).doesNotContain("pw-visible-nowhere").contains("kafka.sasl.password")
                .contains(SecretMasking.MASK);
        assertThat(KafkaClientSecurity.from(config).toString()).doesNotContain("pw-visible-nowhere");
    }

    @Test
    void loginSettingsKeepOnlySecurityKeys() {
        Map<String, Object> login = KafkaClientSecurity.loginSettings(Map.of("security.protocol", "SASL_PLAINTEXT",
                "sasl.jaas.config", "x", "ssl.truststore.location", "/t", "linger.ms", "5", "group.id", "g"));

        assertThat(login).containsOnlyKeys("security.protocol", "sasl.jaas.config", "ssl.truststore.location");
    }

    @Test
    void quotesAndBackslashesInThePasswordAreEscapedForJaas() {
        String jaas = KafkaClientSecurity.scram("u", "a\"b\\c").clientConfig().get("sasl.jaas.config");

        assertThat(jaas).endsWith("password=\"a\\\"b\\\\c\";");
    }
}
