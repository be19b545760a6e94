package dev.clipstream.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clipstream.schemas.avro.ClipUploaded;
import dev.clipstream.schemas.avro.LabeledClip;
import dev.clipstream.schemas.fixture.OlderSchemas;
import dev.clipstream.schemas.fixture.SampleRecords;
import java.nio.ByteBuffer;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class AvroDeserializerTest {

    private final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient(1);

    static List<SpecificRecord> samples() {
        return SampleRecords.oneOfEach();
    }

    @ParameterizedTest
    @MethodSource("samples")
    @SuppressWarnings({"unchecked", "rawtypes"})
    void decodesWhatTheSerializerWrote(SpecificRecord sample) {
        byte[] bytes = new AvroSerializer<>(registry, true, false).serialize("topic", sample);

        Object decoded = new AvroDeserializer(registry, (Class) sample.getClass()).deserialize("topic", bytes);

        assertThat(decoded).isEqualTo(sample);
    }

    @Test
    void specificReaderWithoutTargetClassPicksTheGeneratedClassOfTheWriterSchema() {
        byte[] bytes = new AvroSerializer<>(registry, true, false).serialize("topic", SampleRecords.clipUploaded());

        Object decoded = new AvroDeserializer<>(registry, true).deserialize("topic", bytes);

        assertThat(decoded).isInstanceOf(ClipUploaded.class).isEqualTo(SampleRecords.clipUploaded());
    }

    @Test
    void unknownMagicByteIsReportedWithTheByteFound() {
        byte[] json = "{\"clipId\":1}".getBytes();
        AvroDeserializer<ClipUploaded> deserializer = new AvroDeserializer<>(registry, ClipUploaded.class);

        assertThatThrownBy(() -> deserializer.deserialize("clips.uploaded", json))
                .isInstanceOf(UnknownMagicByteException.class)
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("0x7b")
                .hasMessageContaining("clips.uploaded")
                .satisfies(e -> assertThat(((UnknownMagicByteException) e).foundByte()).isEqualTo((byte) '{'));
    }

    @Test
    void unknownSchemaIdIsReportedWithTheId() {
        byte[] payload = ByteBuffer.allocate(7).put((byte) 0).putInt(4711).put((byte) 2).put((byte) 4).array();
        AvroDeserializer<ClipUploaded> deserializer = new AvroDeserializer<>(registry, ClipUploaded.class);

        assertThatThrownBy(() -> deserializer.deserialize("clips.uploaded", payload))
                .isInstanceOf(UnknownSchemaIdException.class)
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("4711")
                .satisfies(e -> assertThat(((UnknownSchemaIdException) e).schemaId()).isEqualTo(4711));
    }

    @Test
    void payloadShorterThanTheHeaderIsMalformed() {
        AvroDeserializer<ClipUploaded> deserializer = new AvroDeserializer<>(registry, ClipUploaded.class);

        assertThatThrownBy(() -> deserializer.deserialize("t", new byte[] {0, 0, 1}))
                .isInstanceOf(MalformedPayloadException.class)
                .hasMessageContaining("3 bytes");
        assertThatThrownBy(() -> deserializer.deserialize("t", new byte[0]))
                .isInstanceOf(MalformedPayloadException.class)
                .hasMessageContaining("Empty payload");
    }

    @Test
    void bodyThatDoesNotMatchTheWriterSchemaIsMalformedNamingTheId() {
        int id = registry.register("t-value", ClipUploaded.getClassSchema());
        byte[] truncated = ByteBuffer.allocate(8).put((byte) 0).putInt(id).put(new byte[] {0x48, 0x33, 0x66}).array();
        AvroDeserializer<ClipUploaded> deserializer = new AvroDeserializer<>(registry, ClipUploaded.class);

        assertThatThrownBy(() -> deserializer.deserialize("t", truncated))
                .isInstanceOf(MalformedPayloadException.class)
                .hasMessageContaining("schema id " + id);
    }

    @Test
    void recordOfAnotherTypeIsASchemaMismatchNamingTheWriterSchemaAndTheReaderClass() {
        // A LabeledClip written where ClipUploaded is read: wrong topic or wrong serde, not a corrupt body.
        byte[] labeled = new AvroSerializer<LabeledClip>(registry, true, false)
                .serialize("clips.labeled", SampleRecords.labeledClip());
        int id = WireFormat.schemaId("clips.labeled", labeled);
        AvroDeserializer<ClipUploaded> deserializer = new AvroDeserializer<>(registry, ClipUploaded.class);

        assertThatThrownBy(() -> deserializer.deserialize("clips.uploaded", labeled))
                .isInstanceOf(SchemaMismatchException.class)
                .isInstanceOf(SerializationException.class)
                .isNotInstanceOf(MalformedPayloadException.class)
                .hasMessageContaining("schema id " + id)
                .hasMessageContaining("dev.clipstream.schemas.avro.LabeledClip")
                .hasMessageContaining("dev.clipstream.schemas.avro.ClipUploaded")
                .hasMessageContaining("'clips.uploaded'")
                .satisfies(e -> {
                    SchemaMismatchException mismatch = (SchemaMismatchException) e;
                    assertThat(mismatch.schemaId()).isEqualTo(id);
                    assertThat(mismatch.writerSchemaName()).isEqualTo(LabeledClip.getClassSchema().getFullName());
                    assertThat(mismatch.readerClassName()).isEqualTo(ClipUploaded.class.getName());
                });
    }

    @Test
    void valueItsLogicalTypeRefusesIsASerializationExceptionNamingTopicAndSchemaId() {
        // Well-formed Avro: clipId is a string, as its uuid logical type says, but not a UUID.
        GenericRecord clip = OlderSchemas.asOlderGenericRecord(SampleRecords.clipUploaded(),
                ClipUploaded.getClassSchema());
        clip.put("clipId", "not-a-uuid");
        byte[] bytes = new AvroSerializer<GenericRecord>(registry, true, false).serialize("clips.uploaded", clip);
        int id = WireFormat.schemaId("clips.uploaded", bytes);
        AvroDeserializer<ClipUploaded> deserializer = new AvroDeserializer<>(registry, ClipUploaded.class);

        assertThatThrownBy(() -> deserializer.deserialize("clips.uploaded", bytes))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("'clips.uploaded'")
                .hasMessageContaining("schema id " + id)
                .hasMessageContaining("not-a-uuid")
                .hasCauseInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void recordWrittenWithAnOlderSchemaIsReadWithDefaultsFilledIn() {
        Schema older = OlderSchemas.clipUploadedBeforeCampaigns();
        GenericRecord oldRecord = OlderSchemas.asOlderGenericRecord(SampleRecords.clipUploaded(), older);
        byte[] bytes = new AvroSerializer<GenericRecord>(registry, true, false).serialize("clips.uploaded", oldRecord);

        ClipUploaded decoded = new AvroDeserializer<ClipUploaded>(registry, ClipUploaded.class)
                .deserialize("clips.uploaded", bytes);

        assertThat(decoded.getCampaignIds()).isEmpty();
        assertThat(decoded.getClipId()).isEqualTo(SampleRecords.CLIP_ID);
        assertThat(decoded.getCaptureStart()).isEqualTo(SampleRecords.CAPTURE_START);
        assertThat(decoded.getPrivacy()).isEqualTo(SampleRecords.clipUploaded().getPrivacy());
    }

    @Test
    void nullPayloadIsNull() {
        assertThat(new AvroDeserializer<ClipUploaded>(registry, ClipUploaded.class).deserialize("t", null)).isNull();
    }
}
