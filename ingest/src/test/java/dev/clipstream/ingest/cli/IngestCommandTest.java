package dev.clipstream.ingest.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clipstream.ingest.IngestConfig;
import dev.clipstream.ingest.IngestSettings;
import dev.clipstream.ingest.auth.VehicleTokens;
import dev.clipstream.runtime.config.ConfigException;
import dev.clipstream.runtime.config.ConfigLoader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class IngestCommandTest {

    @TempDir
    Path dir;

    @Test
    void helpExplainsTheCommandAndItsKeys() {
        StringWriter out = new StringWriter();
        CommandLine commandLine = new CommandLine(new IngestCommand(Map.of()));
        commandLine.setOut(new PrintWriter(out));
        assertThat(commandLine.execute("--help")).isZero();
        assertThat(out.toString()).contains("--config", "/v1/vehicles/{vehicleId}/clips/{clipId}",
                "ingest.auth.tokens.file", "CLIPSTREAM_KAFKA_BOOTSTRAP_SERVERS", "/readyz");
    }

    @Test
    void defaultsFileAndEnvironmentBecomeSettings() throws Exception {
        Path tokens = Files.writeString(dir.resolve("tokens.properties"), VehicleTokens.fileLine("veh-00001", "t1") + "\n");
        Path config = Files.writeString(dir.resolve("ingest.properties"), String.join("\n",
                "kafka.bootstrap.servers=broker:9092",
                "schema.registry.url=http://registry:8081",
                "ingest.auth.tokens.file=" + tokens,
                "ingest.rate.limit.per.second=2.5",
                "kafka.producer.linger.ms=20"));
        Map<String, String> environment = Map.of("CLIPSTREAM_INGEST_HTTP_PORT", "18080",
                "CLIPSTREAM_INGEST_AUTH_TOKENS", VehicleTokens.fileLine("veh-00002", "t2"));

        IngestSettings settings = IngestConfig.settings(new ConfigLoader(IngestConfig.definition(), environment)
                .load(IngestConfig.DEFAULTS_RESOURCE, config));

        assertThat(settings.httpPort()).isEqualTo(18080);
        assertThat(settings.management().port()).isEqualTo(9081);
        assertThat(settings.bootstrapServers()).isEqualTo("broker:9092");
        assertThat(settings.tokens().size()).isEqualTo(2);
        assertThat(settings.rateLimitPerSecond()).isEqualTo(2.5);
        assertThat(settings.maxClipBytes()).isEqualTo(1L << 30);
        assertThat(settings.publishTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(settings.producerOverrides()).containsEntry("linger.ms", "20");
    }

    @Test
    void misspeltKeysAndMissingKafkaAreReportedTogether() throws Exception {
        Path config = Files.writeString(dir.resolve("bad.properties"), "ingest.max.clip.byte=5\n");
        assertThatThrownBy(() -> new ConfigLoader(IngestConfig.definition(), Map.of())
                .load(IngestConfig.DEFAULTS_RESOURCE, config))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("ingest.max.clip.bytes")
                .hasMessageContaining("kafka.bootstrap.servers");
    }
}
