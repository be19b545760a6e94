package dev.clipstream.fleet.metadata;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MetadataGeneratorTest {

    private static final Set<String> CAMERAS = Set.of("FRONT_MAIN", "FRONT_WIDE", "FRONT_NARROW", "LEFT_PILLAR",
            "RIGHT_PILLAR", "LEFT_REPEATER", "RIGHT_REPEATER", "REAR", "CABIN");

    private static List<GeneratedMetadata> fleet(MetadataSettings settings, int vehicles, int clips) {
        MetadataGenerator generator = new MetadataGenerator(settings);
        List<GeneratedMetadata> all = new ArrayList<>();
        for (int v = 1; v <= vehicles; v++) {
            for (int c = 0; c < clips; c++) {
                all.add(generator.generate(v, c));
            }
        }
        return all;
    }

    @Test
    void sameSeedSameMetadataInAnyOrderOtherSeedOther() {
        MetadataGenerator generator = new MetadataGenerator(MetadataSettings.defaults(7));
        GeneratedMetadata late = generator.generate(3, 5);
        generator.generate(1, 0);

        assertThat(new MetadataGenerator(MetadataSettings.defaults(7)).generate(3, 5)).isEqualTo(late);
        assertThat(new MetadataGenerator(MetadataSettings.defaults(8)).generate(3, 5)).isNotEqualTo(late);
    }

    @Test
    void normalClipsArePlausible() {
        List<GeneratedMetadata> clips = fleet(MetadataSettings.defaults(1), 50, 20).stream()
                .filter(g -> g.anomaly() == Anomaly.NONE).toList();

        assertThat(clips).hasSizeGreaterThan(900);
        for (GeneratedMetadata generated : clips) {
            ClipMetadata m = generated.metadata();
            assertThat(CAMERAS).contains(m.camera());
            assertThat(Duration.between(m.captureStart(), m.captureEnd()).toMillis()).isEqualTo(m.durationMillis());
            // A 1 MB clip at 2..8 Mbit/s lasts 1..4 s.
            double bitsPerSecond = MetadataGenerator.DEFAULT_CLIP_BYTES * 8_000.0 / m.durationMillis();
            assertThat(bitsPerSecond).isBetween(1.99e6, 8.01e6);
            assertThat(m.speed().minKph()).isBetween(0.0, m.speed().meanKph());
            assertThat(m.speed().maxKph()).isBetween(m.speed().meanKph(), 160.0);
            ClipMetadata.GeoBox box = m.location();
            assertThat(box.maxLatitude() - box.minLatitude()).isBetween(0.0099, 0.1);
            assertThat(box.maxLongitude() - box.minLongitude()).isBetween(0.0099, 0.1);
            assertThat(Math.round(box.minLatitude() * 100) / 100.0).as("coarse: 0.01 degrees")
                    .isEqualTo(box.minLatitude());
            assertThat(m.privacy()).isNotNull();
            assertThat(m.privacy().facesBlurred() && m.privacy().platesBlurred()).isTrue();
            assertThat(m.firmwareVersion()).matches("2026\\.\\d+\\.\\d+");
            assertThat(m.codec()).isIn("H264", "H265");
        }
        assertThat(clips).extracting(g -> g.metadata().camera()).contains("FRONT_MAIN", "REAR", "CABIN");
        assertThat(clips).extracting(g -> g.metadata().triggerId())
                .contains("hard-brake-v3", "night-pedestrian-v1")
                .anyMatch(t -> t.startsWith("rain-") || t.startsWith("snow-") || t.startsWith("fog-"));
        assertThat(clips).anyMatch(g -> !g.metadata().campaignIds().isEmpty());
    }

    @Test
    void anomaliesComeInTheConfiguredSharesAndAreWhatTheySay() {
        MetadataSettings settings = new MetadataSettings(3, MetadataSettings.DEFAULT_FLEET_START, 0.10, 0.20);
        List<GeneratedMetadata> clips = fleet(settings, 100, 20);
        Map<Anomaly, Integer> counts = new EnumMap<>(Anomaly.class);
        clips.forEach(g -> counts.merge(g.anomaly(), 1, Integer::sum));

        long implausible = clips.stream().filter(g -> g.anomaly().implausible()).count();
        long privacy = clips.stream().filter(g -> g.anomaly().privacy()).count();
        assertThat(implausible).isBetween(140L, 260L);
        assertThat(privacy).isBetween(330L, 470L);
        assertThat(counts).containsKeys(Anomaly.values());
        for (GeneratedMetadata g : clips) {
            ClipMetadata m = g.metadata();
            switch (g.anomaly()) {
                case IMPLAUSIBLE_SPEED -> assertThat(m.speed().maxKph()).isGreaterThan(400);
                case TELEPORT -> assertThat(m.location().maxLatitude() - m.location().minLatitude())
                        .isGreaterThan(2.0);
                case DURATION_MISMATCH -> assertThat(m.durationMillis())
                        .isGreaterThan(10 * Duration.between(m.captureStart(), m.captureEnd()).toMillis());
                case NO_ATTESTATION -> assertThat(m.privacy()).isNull();
                case FACES_NOT_BLURRED -> assertThat(m.privacy().facesBlurred()).isFalse();
                case UNAPPROVED_BLUR_MODEL -> assertThat(m.privacy().blurModelVersion())
                        .isEqualTo(MetadataGenerator.UNAPPROVED_BLUR_MODEL);
                case NONE -> assertThat(m.privacy()).isNotNull();
            }
            // Every anomaly still passes ingest's field checks: ordered ranges, end not before start.
            assertThat(m.captureEnd()).isAfterOrEqualTo(m.captureStart());
            assertThat(m.speed().minKph()).isLessThanOrEqualTo(m.speed().meanKph());
            assertThat(m.speed().meanKph()).isLessThanOrEqualTo(m.speed().maxKph());
            assertThat(m.location().minLatitude()).isLessThanOrEqualTo(m.location().maxLatitude());
        }
    }

    @Test
    void headerIsBase64UrlOfTheApiJson() throws Exception {
        ClipMetadata m = new MetadataGenerator(MetadataSettings.defaults(5)).generate(1, 0).metadata();

        String header = MetadataCodec.toHeader(m);

        assertThat(header).matches("[A-Za-z0-9_-]+");
        JsonNode json = new ObjectMapper().readTree(Base64.getUrlDecoder().decode(header));
        assertThat(json.get("camera").asText()).isEqualTo(m.camera());
        assertThat(Instant.parse(json.get("captureStart").asText())).isEqualTo(m.captureStart());
        assertThat(json.get("durationMillis").asLong()).isEqualTo(m.durationMillis());
        assertThat(json.get("resolution").get("width").asInt()).isEqualTo(m.resolution().width());
        assertThat(json.get("location").get("maxLongitude").asDouble()).isEqualTo(m.location().maxLongitude());
        assertThat(json.get("speed").get("meanKph").asDouble()).isEqualTo(m.speed().meanKph());
        assertThat(json.get("privacy").get("blurModelVersion").asText()).startsWith("blur-");
        assertThat(json.get("campaignIds").isArray()).isTrue();
        assertThat(json.has("clipId")).as("server-set fields are not sent").isFalse();
    }

    @Test
    void noAttestationLeavesPrivacyOut() throws Exception {
        ClipMetadata m = new MetadataGenerator(
                new MetadataSettings(1, MetadataSettings.DEFAULT_FLEET_START, 0, 1)).generate(1, 0).metadata();
        ClipMetadata without = new ClipMetadata(m.camera(), m.captureStart(), m.captureEnd(), m.durationMillis(),
                m.resolution(), m.framesPerSecond(), m.codec(), m.triggerId(), m.campaignIds(), m.location(),
                m.speed(), m.firmwareVersion(), null);

        JsonNode json = new ObjectMapper().readTree(Base64.getUrlDecoder().decode(MetadataCodec.toHeader(without)));
        assertThat(json.has("privacy")).isFalse();
    }
}
