package dev.clipstream.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clipstream.schemas.avro.ClipUploaded;
import dev.clipstream.schemas.fixture.SampleRecords;
import dev.clipstream.schemas.topic.TopicCatalog;
import java.util.Map;
import org.apache.kafka.common.serialization.Serde;
import org.junit.jupiter.api.Test;

/**
 * Frameworks (Spring Kafka, Kafka Streams) call configure() on serde instances they were handed. A serde built
 * with a registry client and explicit settings must keep them: no new client, no auto-registration by default.
 */
class ConfigureAfterBuildTest {

    // Nothing listens on port 1: a serde that switched to this URL fails with SchemaRegistryUnreachableException.
    private static final Map<String, Object> CLIENT_PROPERTIES = Map.of(
            AvroSerdeConfig.SCHEMA_REGISTRY_URL, "http://127.0.0.1:1",
            AvroSerdeConfig.SPECIFIC_AVRO_READER, "false");

    private final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient(1);

    @Test
    void serdeFromAvroSerdesKeepsItsClientAndAutoRegisterOffAfterConfigureWithARegistryUrl() {
        AvroSerde<ClipUploaded> serde = AvroSerdes.specific(ClipUploaded.class, registry, false, false);

        serde.configure(CLIENT_PROPERTIES, false);

        assertThatThrownBy(() -> serde.serializer().serialize("clips.uploaded", SampleRecords.clipUploaded()))
                .as("auto-registration stays off and the in-memory client stays in use")
                .isInstanceOf(SchemaNotRegisteredException.class)
                .hasMessageContaining("clips.uploaded-value");
    }

    @Test
    void configureWithAutoRegisterTrueDoesNotTurnAnExplicitFalseOn() {
        AvroSerializer<ClipUploaded> serializer = new AvroSerializer<>(registry, false, false);

        serializer.configure(Map.of(AvroSerdeConfig.AUTO_REGISTER_SCHEMAS, "true"), false);

        assertThatThrownBy(() -> serializer.serialize("clips.uploaded", SampleRecords.clipUploaded()))
                .isInstanceOf(SchemaNotRegisteredException.class);
    }

    @Test
    void catalogSerdeStillRoundTripsThroughItsOwnClientAfterConfigure() {
        TopicCatalog catalog = TopicCatalog.create(registry, false, TopicCatalog.DEVELOPMENT_REPLICATION_FACTOR);
        Serde<ClipUploaded> serde = catalog.clipsUploaded().valueSerde();
        int id = registry.register("clips.uploaded-value", ClipUploaded.getClassSchema());

        serde.configure(CLIENT_PROPERTIES, false);
        byte[] bytes = serde.serializer().serialize("clips.uploaded", SampleRecords.clipUploaded());

        assertThat(WireFormat.schemaId("clips.uploaded", bytes)).isEqualTo(id);
        assertThat(serde.deserializer().deserialize("clips.uploaded", bytes))
                .as("still a ClipUploaded reader, not a GenericRecord one from specific.avro.reader=false")
                .isEqualTo(SampleRecords.clipUploaded());
    }

    @Test
    void configureStillSetsWhetherTheSerializerWritesKeys() {
        AvroSerializer<ClipUploaded> serializer = new AvroSerializer<>(registry, true, false);

        serializer.configure(CLIENT_PROPERTIES, true);
        serializer.serialize("clips.uploaded", SampleRecords.clipUploaded());

        assertThat(registry.lookUpId("clips.uploaded-key", ClipUploaded.getClassSchema())).isEqualTo(1);
        assertThatThrownBy(() -> registry.lookUpId("clips.uploaded-value", ClipUploaded.getClassSchema()))
                .isInstanceOf(SchemaNotRegisteredException.class);
    }
}
