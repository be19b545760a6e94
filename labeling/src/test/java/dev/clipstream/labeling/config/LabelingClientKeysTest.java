package dev.clipstream.labeling.config;

import dev.clipstream.runtime.config.ConfigException;
import dev.clipstream.runtime.config.ConfigLoader;
import dev.clipstream.runtime.config.ConfigDefinition;
import dev.clipstream.runtime.config.EffectiveConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Client settings under Streams' prefixes pass through (e.g. a shorter session timeout); typos still fail. */
class LabelingClientKeysTest {

    @Test
    void prefixedClientKeysPassThroughToKafkaStreams(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("labeling.properties");
        Files.writeString(file, """
                kafka.bootstrap.servers=127.0.0.1:9092
                schema.registry.url=http://127.0.0.1:8081
                kafka.streams.consumer.session.timeout.ms=6000
                kafka.streams.main.consumer.heartbeat.interval.ms=1000
                kafka.streams.producer.linger.ms=5
                """);
        EffectiveConfig config = new ConfigLoader(LabelingConfig.definition(), Map.of())
                .load(LabelingConfig.DEFAULTS_RESOURCE, file);

        assertThat(config.passThrough(ConfigDefinition.KAFKA_STREAMS))
                .containsEntry("consumer.session.timeout.ms", "6000")
                .containsEntry("main.consumer.heartbeat.interval.ms", "1000")
                .containsEntry("producer.linger.ms", "5");
    }

    @Test
    void anUnknownPrefixedKeyIsStillAnError(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("labeling.properties");
        Files.writeString(file, "kafka.streams.consumer.sesion.timeout.ms=6000\n");
        assertThatThrownBy(() -> new ConfigLoader(LabelingConfig.definition(), Map.of())
                .load(LabelingConfig.DEFAULTS_RESOURCE, file)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("kafka.streams.consumer.sesion.timeout.ms");
    }
}
