package dev.clipstream.cli.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clipstream.runtime.config.ConfigKey;
import dev.clipstream.runtime.config.ConfigType;
import dev.clipstream.runtime.config.EffectiveConfig;
import dev.clipstream.runtime.config.EnvironmentNames;
import dev.clipstream.runtime.config.SecretMasking;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.Logger;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each program logs its effective configuration at start (ingest, labeling, dispatch, backend and lag serve call
 * {@link EffectiveConfig#logEffectiveConfig}); here every program's real definition is loaded with a distinct
 * secret value in every secret key (declared secret, or named like one: tokens, passwords, credentials, SASL
 * config, also under the Kafka client prefixes) and with the fleet secret in the environment, and the line that is
 * logged must show none of them, while ordinary values do appear.
 */
class EffectiveConfigMaskingTest {

    static Stream<Arguments> programs() {
        List<Arguments> programs = new ArrayList<>();
        for (ServiceConfig service : ServiceConfig.all()) {
            for (String variant : service.variantNames()) {
                programs.add(Arguments.of(service.name() + (variant.isEmpty() ? "" : " --kind " + variant), service,
                        variant));
            }
        }
        return programs.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("programs")
    void loggedConfigurationShowsNoSecret(String program, ServiceConfig service, String variant) {
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("CLIPSTREAM_KAFKA_BOOTSTRAP_SERVERS", "kafka-1:19092");
        environment.put("CLIPSTREAM_SCHEMA_REGISTRY_URL", "http://schema-registry:8081");
        // Not a configuration key of any service, but in the same environment in the demo and the benchmarks.
        environment.put("CLIPSTREAM_FLEET_SECRET", "fleet-secret-value-0");
        List<String> secrets = new ArrayList<>(List.of("fleet-secret-value-0"));
        int n = 1;
        for (ConfigKey key : service.definition().keys()) {
            if ((key.secret() || SecretMasking.looksSecret(key.name())) && key.type() == ConfigType.STRING
                    || key.secret() && key.type() == ConfigType.LIST) {
                String value = "secret-value-" + n++;
                environment.put(key.environmentVariable(), value);
                secrets.add(value);
            }
        }
        for (String prefix : service.definition().passThroughPrefixes()) {
            for (String clientKey : List.of("sasl.jaas.config", "ssl.truststore.password", "ssl.keystore.password")) {
                if (service.definition().isPassThrough(prefix + clientKey)) {
                    String value = "secret-value-" + n++;
                    environment.put(EnvironmentNames.toVariable(prefix + clientKey), value);
                    secrets.add(value);
                }
            }
        }
        EffectiveConfig config = service.load(variant, environment, null);

        List<String> logged = logged(() -> config.logEffectiveConfig(service.name()));

        assertThat(logged).singleElement().satisfies(line -> {
            // Control: the capture sees ordinary values, so the absence of the secrets means something.
            assertThat(line).contains("Effective configuration of " + service.name()).contains("kafka-1:19092");
            secrets.forEach(secret -> assertThat(line).as("logged configuration of %s", program).doesNotContain(secret));
            if (secrets.size() > 1) {
                assertThat(line).contains(SecretMasking.MASK);
            }
        });
    }

    private static List<String> logged(Runnable action) {
        List<String> messages = new CopyOnWriteArrayList<>();
        AbstractAppender appender = new AbstractAppender("capture-effective-config", null, null, true,
                Property.EMPTY_ARRAY) {
            @Override
            public void append(LogEvent event) {
                messages.add(event.getMessage().getFormattedMessage());
            }
        };
        Logger logger = (Logger) LogManager.getLogger(EffectiveConfig.class);
        appender.start();
        logger.addAppender(appender);
        try {
            action.run();
        } finally {
            logger.removeAppender(appender);
            appender.stop();
        }
        return messages;
    }
}
