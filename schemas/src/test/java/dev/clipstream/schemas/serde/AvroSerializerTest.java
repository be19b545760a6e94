package dev.clipstream.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clipstream.schemas.avro.ClipUploaded;
import dev.clipstream.schemas.fixture.OlderSchemas;
import dev.clipstream.schemas.fixture.SampleRecords;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class AvroSerializerTest {

    // Four distinct non-zero bytes, so a wrong byte order or offset shows.
    private static final int SCHEMA_ID = 0x0A0B0C0D;

    private final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient(SCHEMA_ID);

    @Test
    void writesMagicByteThenBigEndianIdThenAvroBinaryBody() throws IOException {
        ClipUploaded clip = SampleRecords.clipUploaded();
        AvroSerializer<ClipUploaded> serializer = new AvroSerializer<>(registry, true, false);

        byte[] actual = serializer.serialize("clips.uploaded", clip);

        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        expected.write(new byte[] {0x00, 0x0A, 0x0B, 0x0C, 0x0D});
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(expected, null);
        new SpecificDatumWriter<ClipUploaded>(ClipUploaded.getClassSchema()).write(clip, encoder);
        encoder.flush();
        assertThat(actual).containsExactly(expected.toByteArray());
        assertThat(Arrays.copyOfRange(actual, 0, 5)).containsExactly(0x00, 0x0A, 0x0B, 0x0C, 0x0D);
    }

    @Test
    void registersValueSchemaUnderTopicValueSubject() {
        new AvroSerializer<ClipUploaded>(registry, true, false).serialize("clips.uploaded", SampleRecords.clipUploaded());

        assertThat(registry.lookUpId("clips.uploaded-value", ClipUploaded.getClassSchema())).isEqualTo(SCHEMA_ID);
        assertThatThrownBy(() -> registry.lookUpId("clips.uploaded-key", ClipUploaded.getClassSchema()))
                .isInstanceOf(SchemaNotRegisteredException.class);
    }

    @Test
    void registersKeySchemaUnderTopicKeySubject() {
        new AvroSerializer<ClipUploaded>(registry, true, true).serialize("clips.uploaded", SampleRecords.clipUploaded());

        assertThat(registry.lookUpId("clips.uploaded-key", ClipUploaded.getClassSchema())).isEqualTo(SCHEMA_ID);
    }

    @Test
    void withoutAutoRegisterFailsNamingSubjectWhenSchemaIsNotRegistered() {
        AvroSerializer<ClipUploaded> serializer = new AvroSerializer<>(registry, false, false);

        assertThatThrownBy(() -> serializer.serialize("clips.uploaded", SampleRecords.clipUploaded()))
                .isInstanceOf(SchemaNotRegisteredException.class)
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("clips.uploaded-value")
                .hasMessageContaining("auto.register.schemas");
    }

    @Test
    void withoutAutoRegisterUsesTheRegisteredId() {
        int id = registry.register("clips.uploaded-value", ClipUploaded.getClassSchema());

        byte[] bytes = new AvroSerializer<ClipUploaded>(registry, false, false)
                .serialize("clips.uploaded", SampleRecords.clipUploaded());

        assertThat(WireFormat.schemaId("clips.uploaded", bytes)).isEqualTo(id);
    }

    @Test
    void genericRecordWithTheSameDataGivesTheSameBytesAsTheSpecificRecord() {
        ClipUploaded clip = SampleRecords.clipUploaded();
        GenericRecord generic = OlderSchemas.asOlderGenericRecord(clip, ClipUploaded.getClassSchema());
        AvroSerializer<ClipUploaded> specific = new AvroSerializer<>(registry, true, false);
        AvroSerializer<GenericRecord> genericSerializer = new AvroSerializer<>(registry, true, false);

        assertThat(genericSerializer.serialize("t", generic)).containsExactly(specific.serialize("t", clip));
    }

    @Test
    void nullRecordIsNullPayload() {
        assertThat(new AvroSerializer<ClipUploaded>(registry, true, false).serialize("t", null)).isNull();
    }
}
