package dev.clipstream.ingest.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clipstream.ingest.auth.VehicleTokens;
import dev.clipstream.ingest.testing.TestClips;
import dev.clipstream.schemas.avro.GeoBoundingBox;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What ingest does so that no VIN and no precise position reaches a topic. */
class PrivacyFiltersTest {

    private final MetadataParser parser = new MetadataParser(16 * 1024);

    @Test
    void locationsAreRoundedOutwardsToAHundredthOfADegree() {
        GeoBoundingBox box = CoarseLocation.of(37.774929, -122.419416, 37.7753, -122.4189);
        assertThat(box.getMinLatitude()).isEqualTo(37.77);
        assertThat(box.getMinLongitude()).isEqualTo(-122.42);
        assertThat(box.getMaxLatitude()).isEqualTo(37.78);
        assertThat(box.getMaxLongitude()).isEqualTo(-122.41);
        GeoBoundingBox onGrid = CoarseLocation.of(37.39, -122.15, 37.40, -122.14);
        assertThat(List.of(onGrid.getMinLatitude(), onGrid.getMinLongitude(), onGrid.getMaxLatitude(),
                onGrid.getMaxLongitude())).containsExactly(37.39, -122.15, 37.40, -122.14);
        GeoBoundingBox edges = CoarseLocation.of(-89.999999, -179.999999, 89.999999, 179.999999);
        assertThat(List.of(edges.getMinLatitude(), edges.getMinLongitude(), edges.getMaxLatitude(),
                edges.getMaxLongitude())).containsExactly(-90.0, -180.0, 90.0, 180.0);
    }

    @Test
    void theParsedMetadataCarriesOnlyTheCoarseBox() {
        String precise = TestClips.METADATA_JSON.replace("\"minLatitude\":37.39", "\"minLatitude\":37.3912345")
                .replace("\"maxLongitude\":-122.14", "\"maxLongitude\":-122.1456789");
        ClipMetadata metadata = parser.parse(TestClips.encode(precise));
        assertThat(metadata.location().getMinLatitude()).isEqualTo(37.39);
        assertThat(metadata.location().getMaxLongitude()).isEqualTo(-122.14);
    }

    @Test
    void vinShapedTextIsRecognised() {
        assertThat(ClipIds.looksLikeVin("1HGCM82633A004352")).isTrue();
        assertThat(ClipIds.looksLikeVin("wvwzzz1jzxw000001")).isTrue();
        assertThat(ClipIds.looksLikeVin("1HGCM82633A00435")).as("16 characters").isFalse();
        assertThat(ClipIds.looksLikeVin("1HGCM82633A0O4352")).as("contains O").isFalse();
        assertThat(ClipIds.looksLikeVin("ABCDEFGHJKLMNPRST")).as("no digit").isFalse();
        assertThat(ClipIds.looksLikeVin("veh-00001")).isFalse();
        assertThat(ClipIds.containsVin("trigger for 1HGCM82633A004352 ok")).isTrue();
        assertThat(ClipIds.containsVin("x1HGCM82633A004352")).as("part of a longer word").isFalse();
        assertThat(ClipIds.containsVin("hard-brake-v3")).isFalse();
        assertThat(ClipIds.isVehicleId("1HGCM82633A004352")).isFalse();
        assertThat(ClipIds.isVehicleId("veh-00001")).isTrue();
    }

    @Test
    void metadataStringsWithAVinAreRefusedWithoutEchoingIt() {
        String withVin = TestClips.METADATA_JSON.replace("hard-brake-v3", "brake 1HGCM82633A004352");
        assertThatThrownBy(() -> parser.parse(TestClips.encode(withVin)))
                .isInstanceOf(InvalidMetadataException.class)
                .satisfies(e -> {
                    assertThat(((InvalidMetadataException) e).problems()).extracting(FieldProblem::field)
                            .containsExactly("triggerId");
                    assertThat(e.getMessage()).doesNotContain("1HGCM82633A004352");
                });
        String unknownField = TestClips.METADATA_JSON.replace("{\"camera\"", "{\"vin\":\"1HGCM82633A004352\",\"camera\"");
        assertThat(parser.parse(TestClips.encode(unknownField)).toString()).doesNotContain("1HGCM82633A004352");
    }

    @Test
    void aTokensFileWithVinsAsVehicleIdsIsRefusedWithoutShowingThem() {
        assertThatThrownBy(() -> VehicleTokens.parseEntries(
                List.of(VehicleTokens.fileLine("1HGCM82633A004352", "secret")), "test"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("looks like a raw VIN")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("1HGCM82633A004352"));
    }
}
