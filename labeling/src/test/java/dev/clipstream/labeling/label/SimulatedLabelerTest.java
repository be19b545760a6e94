package dev.clipstream.labeling.label;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clipstream.schemas.avro.ClipUploaded;
import dev.clipstream.schemas.avro.GeoBoundingBox;
import dev.clipstream.schemas.avro.LabelSet;
import dev.clipstream.schemas.avro.ObjectClass;
import dev.clipstream.schemas.avro.ObjectCount;
import dev.clipstream.schemas.avro.ScenarioTag;
import dev.clipstream.schemas.avro.SpeedStats;
import dev.clipstream.schemas.avro.TimeOfDay;
import dev.clipstream.schemas.fixture.SampleRecords;
import dev.clipstream.schemas.serde.GeneratedClassTrust;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class SimulatedLabelerTest {

    static {
        // Copying generated records deep-copies their enums; Avro only allows trusted classes.
        GeneratedClassTrust.ensureInstalled();
    }

    private final SimulatedLabeler labeler = new SimulatedLabeler();

    @Test
    void theSameClipAlwaysGetsTheSameLabelsAndAnotherIdOthers() {
        ClipUploaded clip = SampleRecords.clipUploaded();
        LabelSet first = labeler.label(clip);

        assertThat(new SimulatedLabeler().label(clip)).isEqualTo(first);
        assertThat(first.getLabelerVersion()).isEqualTo(SimulatedLabeler.VERSION);
        boolean anyDiffers = false;
        for (int i = 0; i < 20 && !anyDiffers; i++) {
            anyDiffers = !labeler.label(ClipUploaded.newBuilder(clip).setClipId(UUID.randomUUID()).build())
                    .equals(first);
        }
        assertThat(anyDiffers).isTrue();
    }

    @Test
    void scenariosFollowTheTriggerAndSpeed() {
        ClipUploaded clip = ClipUploaded.newBuilder(SampleRecords.clipUploaded())
                .setTriggerId("construction-zone-v2")
                .setSpeed(new SpeedStats(60f, 95f, 82f))
                .build();

        LabelSet labels = labeler.label(clip);

        assertThat(labels.getScenarios()).extracting(ScenarioTag::getTag).contains("construction_zone", "highway")
                .doesNotContain("urban", "unprotected_left_turn");
        assertThat(labels.getObjectCounts()).extracting(ObjectCount::getObjectClass)
                .contains(ObjectClass.CAR, ObjectClass.TRUCK, ObjectClass.TRAFFIC_CONE);
        assertThat(labels.getScenarios()).allSatisfy(tag -> assertThat(tag.getConfidence()).isBetween(0.0, 1.0));
    }

    @Test
    void timeOfDayIsLocalSolarTimeFromTheLongitude() {
        // 02:00 UTC is night in Berlin (~02:53 solar) but dusk in California (~17:50 solar... 02:00 - 8.1 h = 17:54).
        ClipUploaded berlin = ClipUploaded.newBuilder(SampleRecords.clipUploaded())
                .setCaptureStart(Instant.parse("2026-11-29T02:00:00Z")).build();
        ClipUploaded paloAlto = ClipUploaded.newBuilder(berlin)
                .setLocation(new GeoBoundingBox(37.39, -122.15, 37.40, -122.14))
                .setCaptureStart(Instant.parse("2026-11-29T03:00:00Z")).build();

        assertThat(labeler.label(berlin).getTimeOfDay().getPeriod()).isEqualTo(TimeOfDay.NIGHT);
        assertThat(labeler.label(paloAlto).getTimeOfDay().getPeriod()).isEqualTo(TimeOfDay.DUSK);
    }
}
