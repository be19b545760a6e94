package dev.clipstream.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clipstream.schemas.avro.ClipUploaded;
import dev.clipstream.schemas.fixture.SampleRecords;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class AvroSerdeConfigTest {

    @Test
    void readsConfluentKeys() {
        AvroSerdeConfig config = AvroSerdeConfig.from(Map.of(
                "schema.registry.url", "http://registry:8081",
                "auto.register.schemas", "false",
                "specific.avro.reader", true,
                "specific.avro.value.type", ClipUploaded.class,
                "schema.registry.request.timeout.ms", "2500"), false);

        assertThat(config).isEqualTo(new AvroSerdeConfig("http://registry:8081", false, true,
                ClipUploaded.class.getName(), Duration.ofMillis(2500)));
    }

    @Test
    void defaultsMatchConfluent() {
        AvroSerdeConfig config = AvroSerdeConfig.from(Map.of("schema.registry.url", "http://r"), true);

        assertThat(config.autoRegister()).isTrue();
        assertThat(config.specificReader()).isFalse();
        assertThat(config.specificType()).isNull();
    }

    @Test
    void missingUrlIsAConfigError() {
        assertThatThrownBy(() -> AvroSerdeConfig.from(Map.of(), false))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("schema.registry.url");
    }

    @Test
    void nonBooleanFlagIsAConfigErrorNamingTheKey() {
        assertThatThrownBy(() -> AvroSerdeConfig.from(
                Map.of("schema.registry.url", "http://r", "auto.register.schemas", "yes"), false))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("auto.register.schemas")
                .hasMessageContaining("yes");
    }

    @Test
    void unknownReaderClassFailsAtConfigureNamingTheClass() {
        AvroDeserializer<Object> deserializer = new AvroDeserializer<>();

        assertThatThrownBy(() -> deserializer.configure(Map.of("schema.registry.url", "http://127.0.0.1:1",
                "specific.avro.value.type", "no.such.Type"), false))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("no.such.Type");
    }

    @Test
    void serializerUsedBeforeConfigureSaysSo() {
        assertThatThrownBy(() -> new AvroSerializer<ClipUploaded>().serialize("t", SampleRecords.clipUploaded()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("configure");
    }
}
