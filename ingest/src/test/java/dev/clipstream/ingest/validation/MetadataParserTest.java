package dev.clipstream.ingest.validation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clipstream.ingest.testing.TestClips;
import dev.clipstream.schemas.avro.Camera;
import dev.clipstream.schemas.avro.VideoCodec;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;

class MetadataParserTest {

    private final MetadataParser parser = new MetadataParser(16 * 1024);

    @Test
    void parsesTheDocumentedExampleWithAndWithoutPadding() {
        ClipMetadata metadata = parser.parse(TestClips.metadataHeader());
        assertThat(metadata.camera()).isEqualTo(Camera.FRONT_MAIN);
        assertThat(metadata.codec()).isEqualTo(VideoCodec.H265);
        assertThat(metadata.captureStart()).isEqualTo(Instant.parse("2026-11-28T21:14:03.120Z"));
        assertThat(metadata.resolution().getWidth()).isEqualTo(1280);
        assertThat(metadata.speed().getMaxKph()).isEqualTo(54.2f);
        String padded = Base64.getUrlEncoder().encodeToString(TestClips.METADATA_JSON.getBytes());
        assertThat(parser.parse(padded)).isEqualTo(metadata);
    }

    @Test
    void optionalFieldsMayBeAbsentAndUnknownFieldsAreIgnored() {
        String json = TestClips.METADATA_JSON.replace("\"campaignIds\":[\"night-rain\"],", "\"weather\":\"RAIN\",")
                .replaceAll(",\\s*\"privacy\":\\{[^}]*}", "");
        ClipMetadata metadata = parser.parse(TestClips.encode(json));
        assertThat(metadata.campaignIds()).isEmpty();
        assertThat(metadata.privacy()).isNull();
    }

    @Test
    void namesEveryBadField() {
        String json = """
                {"camera":"MOON","captureStart":"yesterday","captureEnd":null,"durationMillis":1.5,
                 "resolution":{"width":0},"framesPerSecond":"fast","codec":7,"triggerId":"",
                 "campaignIds":[1],"location":[],"speed":{"minKph":50,"maxKph":10,"meanKph":20},
                 "privacy":{"facesBlurred":"yes"}}""";
        assertThatThrownBy(() -> parser.parse(TestClips.encode(json)))
                .isInstanceOfSatisfying(InvalidMetadataException.class, e -> assertThat(
                        e.problems().stream().map(FieldProblem::field).toList()).containsExactlyInAnyOrder(
                        "camera", "captureStart", "captureEnd", "durationMillis", "resolution.width",
                        "resolution.height", "framesPerSecond", "codec", "triggerId", "campaignIds[0]", "location",
                        "speed.maxKph", "firmwareVersion", "privacy.facesBlurred", "privacy.platesBlurred",
                        "privacy.blurModelVersion"));
    }

    @Test
    void refusesWhatIsNotBase64JsonObject() {
        for (String header : List.of("", "%%%", TestClips.encode("[1,2]"), TestClips.encode("{\"a\":1"),
                TestClips.encode("{\"a\":1,\"a\":2}"), TestClips.encode("{} {}"), "x".repeat(20_000))) {
            assertThatThrownBy(() -> parser.parse(header)).as(header.length() > 50 ? "long header" : header)
                    .isInstanceOf(InvalidMetadataException.class);
        }
        assertThatThrownBy(() -> parser.parse(null)).hasMessageContaining("missing");
    }

    @Test
    void refusesHugeAndOddValues() {
        String hugeNumber = TestClips.METADATA_JSON.replace("10000,", "1" + "0".repeat(400) + ",");
        String hugeText = TestClips.METADATA_JSON.replace("hard-brake-v3", "x".repeat(1000));
        String control = TestClips.METADATA_JSON.replace("hard-brake-v3", "a\\u0000b");
        String endBeforeStart = TestClips.METADATA_JSON.replace("21:14:13.120Z", "21:14:00.000Z");
        for (String json : List.of(hugeNumber, hugeText, control, endBeforeStart)) {
            assertThatThrownBy(() -> parser.parse(TestClips.encode(json))).isInstanceOf(InvalidMetadataException.class);
        }
        String unicode = TestClips.METADATA_JSON.replace("hard-brake-v3", "Vollbremsung-\u00fc-\ud83d\ude97");
        assertThat(parser.parse(TestClips.encode(unicode)).triggerId()).isEqualTo("Vollbremsung-\u00fc-\ud83d\ude97");
    }
}
