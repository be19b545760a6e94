package dev.clipstream.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clipstream.schemas.avro.ClipUploaded;
import dev.clipstream.schemas.fixture.SampleRecords;
import java.util.Arrays;
import org.apache.avro.Schema;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

/** A deserializer with a maximum value size refuses larger values before decoding them and decodes the rest. */
class ValueSizeLimitTest {

    private final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient(1);
    private final byte[] sample = new AvroSerializer<ClipUploaded>(registry, true, false)
            .serialize("clips.uploaded", SampleRecords.clipUploaded());

    @Test
    void aValueOneByteOverTheLimitIsRefusedNamingTopicSizeAndLimit() {
        AvroDeserializer<ClipUploaded> deserializer = new AvroDeserializer<>(registry, ClipUploaded.class,
                sample.length - 1);

        assertThatThrownBy(() -> deserializer.deserialize("clips.uploaded", sample))
                .isInstanceOf(OversizeValueException.class)
                .isInstanceOf(SerializationException.class)
                .hasMessage("Value of " + sample.length + " bytes on topic 'clips.uploaded' is larger than the "
                        + (sample.length - 1) + " bytes this topic allows; refused before decoding")
                .satisfies(e -> {
                    OversizeValueException oversize = (OversizeValueException) e;
                    assertThat(oversize.topic()).isEqualTo("clips.uploaded");
                    assertThat(oversize.valueBytes()).isEqualTo(sample.length);
                    assertThat(oversize.maxValueBytes()).isEqualTo(sample.length - 1);
                });
    }

    @Test
    void aValueExactlyAtTheLimitDecodes() {
        AvroDeserializer<ClipUploaded> deserializer = new AvroDeserializer<>(registry, ClipUploaded.class,
                sample.length);

        assertThat(deserializer.deserialize("clips.uploaded", sample)).isEqualTo(SampleRecords.clipUploaded());
        assertThat(deserializer.maxValueBytes()).hasValue(sample.length);
    }

    @Test
    void theSizeIsCheckedBeforeTheHeaderSoNothingIsDecodedOrFetched() {
        // Garbage (no magic byte) and an unknown schema id: over the limit, the size is all that is reported, and
        // the registry is never asked for the schema.
        CountingRegistry counting = new CountingRegistry(registry);
        AvroDeserializer<ClipUploaded> deserializer = new AvroDeserializer<>(counting, ClipUploaded.class, 64);
        byte[] garbage = new byte[65];
        Arrays.fill(garbage, (byte) 'x');
        byte[] unknownId = Arrays.copyOf(new byte[] {0, 0x3a, (byte) 0xde, 0x68, (byte) 0xb1}, 65);

        assertThatThrownBy(() -> deserializer.deserialize("t", garbage)).isInstanceOf(OversizeValueException.class);
        assertThatThrownBy(() -> deserializer.deserialize("t", unknownId)).isInstanceOf(OversizeValueException.class);
        assertThat(counting.lookups).isZero();
        // Control: under the limit the same garbage reaches the header check.
        assertThatThrownBy(() -> deserializer.deserialize("t", Arrays.copyOf(garbage, 64)))
                .isInstanceOf(UnknownMagicByteException.class);
    }

    @Test
    void withoutALimitEveryValueSizeDecodesAndTombstonesStayNull() {
        ClipUploaded big = ClipUploaded.newBuilder(SampleRecords.clipUploaded())
                .setFirmwareVersion("x".repeat(2_000_000)).build();
        byte[] bytes = new AvroSerializer<ClipUploaded>(registry, true, false).serialize("t", big);
        AvroDeserializer<ClipUploaded> unlimited = new AvroDeserializer<>(registry, ClipUploaded.class);

        assertThat(unlimited.maxValueBytes()).isEmpty();
        assertThat(unlimited.deserialize("t", bytes)).isEqualTo(big);
        assertThat(new AvroDeserializer<>(registry, ClipUploaded.class, 64).deserialize("t", null)).isNull();
    }

    @Test
    void aLimitSmallerThanTheWireFormatHeaderIsRefused() {
        assertThatThrownBy(() -> new AvroDeserializer<>(registry, ClipUploaded.class, WireFormat.HEADER_SIZE - 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("must be >= " + WireFormat.HEADER_SIZE);
    }

    /** Counts schema look-ups by id. */
    private static final class CountingRegistry implements SchemaRegistryClient {
        private final SchemaRegistryClient delegate;
        int lookups;

        CountingRegistry(SchemaRegistryClient delegate) {
            this.delegate = delegate;
        }

        @Override
        public int register(String subject, Schema schema) {
            return delegate.register(subject, schema);
        }

        @Override
        public int lookUpId(String subject, Schema schema) {
            return delegate.lookUpId(subject, schema);
        }

        @Override
        public Schema schemaById(int id) {
            lookups++;
            return delegate.schemaById(id);
        }

        @Override
        public String url() {
            return delegate.url();
        }
    }
}
