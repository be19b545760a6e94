package dev.clipstream.labeling.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clipstream.schemas.avro.Camera;
import dev.clipstream.schemas.avro.CampaignStatus;
import dev.clipstream.schemas.avro.ClipUploaded;
import dev.clipstream.schemas.avro.GeoBoundingBox;
import dev.clipstream.schemas.avro.LabelSet;
import dev.clipstream.schemas.avro.ScenarioTag;
import dev.clipstream.schemas.avro.SpeedStats;
import dev.clipstream.schemas.avro.TimeOfDay;
import dev.clipstream.schemas.avro.TimeOfDayLabel;
import dev.clipstream.schemas.avro.TriggerRule;
import dev.clipstream.schemas.avro.Weather;
import dev.clipstream.schemas.avro.WeatherLabel;
import dev.clipstream.schemas.fixture.SampleRecords;
import dev.clipstream.schemas.serde.GeneratedClassTrust;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each TriggerRule field as docs/campaigns.md describes it. */
class CampaignRulesTest {

    static {
        // Copying generated records deep-copies their enums; Avro only allows trusted classes.
        GeneratedClassTrust.ensureInstalled();
    }

    private final ClipUploaded clip = ClipUploaded.newBuilder(SampleRecords.clipUploaded())
            .setSpeed(new SpeedStats(10f, 50f, 30f)).build();
    private final LabelSet labels = LabelSet.newBuilder(SampleRecords.labelSet())
            .setScenarios(List.of(new ScenarioTag("unprotected_left_turn", 0.9), new ScenarioTag("urban", 0.5)))
            .setWeather(new WeatherLabel(Weather.RAIN, 0.8))
            .setTimeOfDay(new TimeOfDayLabel(TimeOfDay.NIGHT, 0.65))
            .build();

    private boolean matches(TriggerRule.Builder rule) {
        return CampaignRules.matches(rule.build(), clip, labels);
    }

    @Test
    void anEmptyRuleMatchesEverything() {
        assertThat(matches(TriggerRule.newBuilder())).isTrue();
    }

    @Test
    void triggerIdsAndCamerasAreListsOfAllowedValues() {
        assertThat(matches(TriggerRule.newBuilder().setTriggerIds(List.of("unprotected-left-turn-v2", "x")))).isTrue();
        assertThat(matches(TriggerRule.newBuilder().setTriggerIds(List.of("hard-brake-v3")))).isFalse();
        assertThat(matches(TriggerRule.newBuilder().setCameras(List.of(Camera.FRONT_MAIN)))).isTrue();
        assertThat(matches(TriggerRule.newBuilder().setCameras(List.of(Camera.REAR)))).isFalse();
    }

    @Test
    void labelConditionsRespectTheMinimumConfidence() {
        assertThat(matches(TriggerRule.newBuilder().setScenarioTags(List.of("urban", "highway")))).isTrue();
        assertThat(matches(TriggerRule.newBuilder().setScenarioTags(List.of("urban")).setMinLabelConfidence(0.6)))
                .isFalse();
        assertThat(matches(TriggerRule.newBuilder().setWeather(List.of(Weather.RAIN, Weather.SNOW)))).isTrue();
        assertThat(matches(TriggerRule.newBuilder().setWeather(List.of(Weather.CLEAR)))).isFalse();
        assertThat(matches(TriggerRule.newBuilder().setTimesOfDay(List.of(TimeOfDay.NIGHT)))).isTrue();
        assertThat(matches(TriggerRule.newBuilder().setTimesOfDay(List.of(TimeOfDay.NIGHT))
                .setMinLabelConfidence(0.7))).isFalse();
    }

    @Test
    void regionMustIntersectAndSpeedBoundsAreInclusive() {
        assertThat(matches(TriggerRule.newBuilder().setRegion(new GeoBoundingBox(52.52, 13.38, 60.0, 20.0))))
                .isTrue();
        assertThat(matches(TriggerRule.newBuilder().setRegion(new GeoBoundingBox(30.0, -120.0, 40.0, -110.0))))
                .isFalse();
        assertThat(matches(TriggerRule.newBuilder().setMinSpeedKph(30f).setMaxSpeedKph(30f))).isTrue();
        assertThat(matches(TriggerRule.newBuilder().setMinSpeedKph(31f))).isFalse();
        assertThat(matches(TriggerRule.newBuilder().setMaxSpeedKph(29f))).isFalse();
    }

    @Test
    void onlyActiveUnexpiredCampaignsAcceptClips() {
        var campaign = SampleRecords.campaign();
        long before = Instant.parse("2027-01-01T00:00:00Z").toEpochMilli();
        long after = Instant.parse("2027-02-01T00:00:00Z").toEpochMilli();

        assertThat(CampaignRules.isAccepting(campaign, before)).isTrue();
        assertThat(CampaignRules.isAccepting(campaign, after)).isFalse();
        campaign.setStatus(CampaignStatus.PAUSED);
        assertThat(CampaignRules.isAccepting(campaign, before)).isFalse();
        assertThat(CampaignRules.whyNotAccepting(campaign, before)).isEqualTo(
                "campaign unprotected-left-turns-eu is PAUSED");
    }
}
