package dev.clipstream.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.Logger;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;
import org.junit.jupiter.api.Test;

class EffectiveConfigTableTest {

    private static final ConfigDefinition DEFINITION = ConfigDefinition.builder()
            .define(ConfigKey.of("zeta.name", ConfigType.STRING, "last", "Sorted last"))
            .define(ConfigKey.of("alpha.name", ConfigType.STRING, "first", "Sorted first"))
            .define(ConfigKey.of("storage.signing.key", ConfigType.STRING, "declared-secret-value", "Declared")
                    .asSecret())
            .define(ConfigKey.of("storage.password", ConfigType.STRING, "password-by-name", "Secret by name"))
            .passThrough(ConfigDefinition.KAFKA_PRODUCER)
            .build();

    private static final Map<String, String> ENV = Map.of(
            "CLIPSTREAM_KAFKA_PRODUCER_SASL_JAAS_CONFIG", "jaas-secret-value",
            "CLIPSTREAM_KAFKA_PRODUCER_SSL_TRUSTSTORE_PASSWORD", "truststore-secret-value",
            "CLIPSTREAM_KAFKA_PRODUCER_ACKS", "all");

    @Test
    void tableIsSortedWithSourcesAndMasksSecrets() {
        String table = new ConfigLoader(DEFINITION, ENV).load(null, null).toTable();

        List<String> lines = table.lines().toList();
        assertThat(lines.get(0)).startsWith("KEY").contains("VALUE").endsWith("SOURCE");
        assertThat(lines.subList(1, lines.size())).extracting(line -> line.split("\\s+")[0]).containsExactly(
                "alpha.name", "kafka.producer.acks", "kafka.producer.sasl.jaas.config",
                "kafka.producer.ssl.truststore.password", "storage.password", "storage.signing.key", "zeta.name");
        assertThat(table)
                .contains("first", "last", "all")
                .contains("env CLIPSTREAM_KAFKA_PRODUCER_ACKS", "default")
                .doesNotContain("declared-secret-value", "password-by-name", "jaas-secret-value",
                        "truststore-secret-value");
        assertThat(lines).filteredOn(line -> line.startsWith("storage.") || line.contains("jaas")
                        || line.contains("truststore"))
                .hasSize(4)
                .allSatisfy(line -> assertThat(line).contains(SecretMasking.MASK));
    }

    @Test
    void loggedTableIsTheMaskedTable() {
        EffectiveConfig config = new ConfigLoader(DEFINITION, ENV).load(null, null);
        CapturingAppender appender = new CapturingAppender();
        Logger logger = (Logger) LogManager.getLogger(EffectiveConfig.class);
        appender.start();
        logger.addAppender(appender);
        try {
            config.logEffectiveConfig("ingest");
        } finally {
            logger.removeAppender(appender);
        }

        assertThat(appender.messages).singleElement().satisfies(message -> assertThat(message)
                .startsWith("Effective configuration of ingest:")
                .contains(config.toTable())
                .doesNotContain("jaas-secret-value", "declared-secret-value"));
    }

    private static final class CapturingAppender extends AbstractAppender {
        private final List<String> messages = new java.util.concurrent.CopyOnWriteArrayList<>();

        CapturingAppender() {
            super("capture", null, null, true, Property.EMPTY_ARRAY);
        }

        @Override
        public void append(LogEvent event) {
            messages.add(event.getMessage().getFormattedMessage());
        }
    }
}
