package dev.clipstream.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clipstream.schemas.avro.PrivacyAttestation;
import dev.clipstream.schemas.avro.Resolution;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * Expected bytes written out by hand from the Confluent wire format and the Avro 1.12 binary encoding spec, not
 * computed with Avro's own writer: a change in how we (or Avro) encode shows here even when writer and reader
 * still agree with each other.
 */
class WireFormatGoldenVectorTest {

    private static final int SCHEMA_ID = 42;

    /*
     * Header: magic byte 00, then the id 42 = 0x0000002A as a 4-byte big-endian int  -> 00 00 00 00 2A
     * Body, fields in schema order, each int zig-zag encoded ((n << 1) ^ (n >> 31)) then written as a varint,
     * 7 bits at a time, least significant group first, high bit set on every byte but the last:
     *   width  = 1920 -> zig-zag 3840 = 30 * 128 + 0    -> 0x00 | 0x80, 30 = 0x1E   -> 80 1E
     *   height = 1080 -> zig-zag 2160 = 16 * 128 + 112  -> 112 = 0x70 | 0x80, 0x10  -> F0 10
     */
    private static final String RESOLUTION_1920_1080 = "00" + "0000002A" + "801E" + "F010";

    /*
     * Header as above                                                                   -> 00 00 00 00 2A
     * facesBlurred  = true   -> a boolean is one byte, 1 for true                        -> 01
     * platesBlurred = false  -> 0 for false                                              -> 00
     * blurModelVersion = "blur-1" -> length 6 as a long: zig-zag 12 = 0x0C, then the UTF-8 bytes
     *                                b=62 l=6C u=75 r=72 -=2D 1=31                        -> 0C 62 6C 75 72 2D 31
     */
    private static final String PRIVACY_TRUE_FALSE_BLUR_1 = "00" + "0000002A" + "01" + "00" + "0C" + "626C75722D31";

    private static final HexFormat HEX = HexFormat.of();

    @Test
    void resolutionIsWrittenAsTheHandComputedBytes() {
        InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient(SCHEMA_ID);

        byte[] bytes = new AvroSerializer<Resolution>(registry, true, false).serialize("t", resolution());

        assertThat(HEX.formatHex(bytes)).isEqualToIgnoringCase(RESOLUTION_1920_1080);
    }

    @Test
    void handComputedResolutionBytesDecode() {
        InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient(SCHEMA_ID);
        assertThat(registry.register("t-value", Resolution.getClassSchema())).isEqualTo(SCHEMA_ID);

        Resolution decoded = new AvroDeserializer<Resolution>(registry, Resolution.class)
                .deserialize("t", HEX.parseHex(RESOLUTION_1920_1080));

        assertThat(decoded).isEqualTo(resolution());
    }

    @Test
    void privacyAttestationIsWrittenAsTheHandComputedBytes() {
        InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient(SCHEMA_ID);

        byte[] bytes = new AvroSerializer<PrivacyAttestation>(registry, true, false).serialize("t", privacy());

        assertThat(HEX.formatHex(bytes)).isEqualToIgnoringCase(PRIVACY_TRUE_FALSE_BLUR_1);
    }

    @Test
    void handComputedPrivacyAttestationBytesDecode() {
        InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient(SCHEMA_ID);
        assertThat(registry.register("t-value", PrivacyAttestation.getClassSchema())).isEqualTo(SCHEMA_ID);

        PrivacyAttestation decoded = new AvroDeserializer<PrivacyAttestation>(registry, PrivacyAttestation.class)
                .deserialize("t", HEX.parseHex(PRIVACY_TRUE_FALSE_BLUR_1));

        assertThat(decoded).isEqualTo(privacy());
    }

    private static Resolution resolution() {
        return Resolution.newBuilder().setWidth(1920).setHeight(1080).build();
    }

    private static PrivacyAttestation privacy() {
        return PrivacyAttestation.newBuilder().setFacesBlurred(true).setPlatesBlurred(false)
                .setBlurModelVersion("blur-1").build();
    }
}
