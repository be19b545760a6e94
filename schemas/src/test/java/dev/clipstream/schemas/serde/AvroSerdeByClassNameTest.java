package dev.clipstream.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clipstream.schemas.avro.ClipUploaded;
import dev.clipstream.schemas.fixture.SampleRecords;
import java.util.Map;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;

/** Kafka Streams creates {@code default.value.serde} by class name with Utils.newInstance, then configures it. */
class AvroSerdeByClassNameTest {

    // Nothing listens on port 1, so a configured serde fails fast naming the registry it was configured with.
    private static final String UNREACHABLE_REGISTRY = "http://127.0.0.1:1/apis/ccompat/v7";

    @Test
    @SuppressWarnings("unchecked")
    void kafkaCanCreateAndConfigureTheSerdeByClassName() {
        AvroSerde<ClipUploaded> serde = Utils.newInstance(AvroSerde.class);

        serde.configure(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, UNREACHABLE_REGISTRY,
                AvroSerdeConfig.SPECIFIC_AVRO_VALUE_TYPE, ClipUploaded.class.getName()), false);

        assertThatThrownBy(() -> serde.serializer().serialize("clips.uploaded", SampleRecords.clipUploaded()))
                .as("the serializer talks to the configured registry")
                .isInstanceOf(SchemaRegistryUnreachableException.class)
                .hasMessageContaining(UNREACHABLE_REGISTRY);
        byte[] payload = {0, 0, 0, 0, 7, 2};
        assertThatThrownBy(() -> serde.deserializer().deserialize("clips.uploaded", payload))
                .as("the deserializer talks to the configured registry")
                .isInstanceOf(SchemaRegistryUnreachableException.class)
                .hasMessageContaining(UNREACHABLE_REGISTRY);
    }

    @Test
    void serdeCreatedByClassNameWithoutConfigureSaysConfigureIsMissing() {
        AvroSerde<?> serde = Utils.newInstance(AvroSerde.class);

        assertThatThrownBy(() -> serde.deserializer().deserialize("t", new byte[] {0, 0, 0, 0, 1}))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("configure");
        assertThat(serde.serializer()).isInstanceOf(AvroSerializer.class);
    }
}
