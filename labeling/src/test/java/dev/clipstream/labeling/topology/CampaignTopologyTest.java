package dev.clipstream.labeling.topology;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clipstream.labeling.config.LabelingSettings;
import dev.clipstream.schemas.avro.BatchCloseReason;
import dev.clipstream.schemas.avro.CampaignStatus;
import dev.clipstream.schemas.avro.ClipRejected;
import dev.clipstream.schemas.avro.ClipUploaded;
import dev.clipstream.schemas.avro.LabeledClip;
import dev.clipstream.schemas.avro.RejectReason;
import dev.clipstream.schemas.avro.TrainingBatch;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Campaign matching at run time: match, no match, several campaigns, changes and closes, the quota. */
class CampaignTopologyTest {

    private LabelingDriver driver;

    @BeforeEach
    void start() {
        driver = new LabelingDriver(LabelingSettings.defaults());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void aClipMatchesTheCampaignsWhoseRuleItSatisfies() {
        driver.campaign(Clips.forTrigger("left-turns", "unprotected-left-turn-v2").build());
        driver.campaign(Clips.forTrigger("brakes", "hard-brake-v3").build());

        driver.upload(Clips.valid().setTriggerId("hard-brake-v3").build());

        LabeledClip labeled = driver.labeled().readValue();
        assertThat(labeled.getCampaignIds()).containsExactly("brakes");
        assertThat(driver.rejected().isEmpty()).isTrue();
    }

    @Test
    void aClipMatchingNoCampaignIsRejected() {
        driver.campaign(Clips.forTrigger("left-turns", "unprotected-left-turn-v2").build());

        driver.upload(Clips.valid().setTriggerId("random-sample-v1").build());

        assertThat(driver.rejected().readValue()).satisfies(r -> {
            assertThat(r.getReason()).isEqualTo(RejectReason.NO_ACTIVE_CAMPAIGN);
            assertThat(r.getDetail()).isEqualTo("matches none of the 1 active campaigns");
        });
        assertThat(driver.labeled().isEmpty()).isTrue();
    }

    @Test
    void aClipMayServeSeveralCampaignsInPriorityOrder() {
        driver.campaign(Clips.catchAll("low", 100).setPriority(1).build());
        driver.campaign(Clips.catchAll("high", 100).setPriority(9).build());

        driver.upload(Clips.valid().build());
        driver.advanceWallClock(Duration.ofMinutes(2));

        assertThat(driver.labeled().readValue().getCampaignIds()).containsExactly("high", "low");
        assertThat(driver.batches().readValuesToList()).extracting(TrainingBatch::getCampaignId)
                .containsExactlyInAnyOrder("high", "low");
    }

    @Test
    void aCampaignCreatedChangedOrClosedAtRunTimeAppliesToTheNextClip() {
        driver.upload(Clips.valid().setTriggerId("construction-zone-v2").build());
        assertThat(driver.rejected().readValue().getDetail()).isEqualTo("no campaign is active");

        driver.campaign(Clips.forTrigger("cones", "construction-zone-v2").build());
        driver.upload(Clips.valid().setTriggerId("construction-zone-v2").build());
        assertThat(driver.labeled().readValue().getCampaignIds()).containsExactly("cones");

        driver.campaign(Clips.forTrigger("cones", "construction-zone-v3").build());
        driver.upload(Clips.valid().setTriggerId("construction-zone-v2").build());
        assertThat(driver.rejected().readValue().getReason()).isEqualTo(RejectReason.NO_ACTIVE_CAMPAIGN);

        driver.campaign(Clips.forTrigger("cones", "construction-zone-v2").setStatus(CampaignStatus.CLOSED).build());
        driver.upload(Clips.valid().setTriggerId("construction-zone-v2").build());
        assertThat(driver.rejected().readValue().getDetail()).isEqualTo("no campaign is active");
        assertThat(driver.labeled().isEmpty()).isTrue();
    }

    @Test
    void anExpiredCampaignTakesNoClips() {
        driver.campaign(Clips.catchAll("short", 100)
                .setExpiresAt(LabelingDriver.START.plus(Duration.ofMinutes(5))).build());
        driver.upload(Clips.valid().build());
        assertThat(driver.labeled().readValuesToList()).hasSize(1);

        driver.advanceWallClock(Duration.ofMinutes(6));
        driver.upload(Clips.valid().build());

        assertThat(driver.rejected().readValue().getReason()).isEqualTo(RejectReason.NO_ACTIVE_CAMPAIGN);
    }

    @Test
    void closingACampaignClosesItsOpenBatch() {
        driver.campaign(Clips.catchAll("rain", 100).build());
        ClipUploaded clip = Clips.valid().build();
        driver.upload(clip);
        assertThat(driver.batches().isEmpty()).isTrue();

        driver.campaign(Clips.catchAll("rain", 100).setStatus(CampaignStatus.CLOSED).build());
        driver.advanceWallClock(Duration.ofSeconds(1));

        assertThat(driver.batches().readValue()).satisfies(batch -> {
            assertThat(batch.getCloseReason()).isEqualTo(BatchCloseReason.CAMPAIGN_CLOSED);
            assertThat(batch.getClips()).extracting(c -> c.getClip().getClipId()).containsExactly(clip.getClipId());
        });
    }

    @Test
    void aCampaignStopsAtItsTargetAndAClipServingNoneIsRejectedForQuota() {
        driver.campaign(Clips.catchAll("small", 2).build());

        List<ClipUploaded> clips = List.of(Clips.valid().build(), Clips.valid().build(), Clips.valid().build());
        clips.forEach(driver::upload);

        assertThat(driver.batches().readValue()).satisfies(batch -> {
            assertThat(batch.getCloseReason()).isEqualTo(BatchCloseReason.CAMPAIGN_CLOSED);
            assertThat(batch.getTotals().getClipCount()).isEqualTo(2);
        });
        ClipRejected rejection = driver.rejected().readValue();
        assertThat(rejection.getReason()).isEqualTo(RejectReason.CAMPAIGN_QUOTA_REACHED);
        assertThat(rejection.getClip().getClipId()).isEqualTo(clips.get(2).getClipId());
        assertThat(rejection.getDetail()).isEqualTo("campaign small reached its target of 2 clips");
        assertThat(rejection.getRejectedBy()).isEqualTo("labeling/batcher");
    }

    @Test
    void aClipThatOneOfItsCampaignsStillTakesIsNotRejected() {
        driver.campaign(Clips.catchAll("full", 1).build());
        driver.campaign(Clips.catchAll("open", 100).build());
        driver.upload(Clips.valid().build());
        driver.upload(Clips.valid().build());
        driver.advanceWallClock(Duration.ofMinutes(2));

        assertThat(driver.rejected().isEmpty()).isTrue();
        assertThat(driver.batches().readValuesToList())
                .extracting(TrainingBatch::getCampaignId, b -> b.getTotals().getClipCount())
                .containsExactlyInAnyOrder(org.assertj.core.groups.Tuple.tuple("full", 1),
                        org.assertj.core.groups.Tuple.tuple("open", 2));
    }

    @Test
    void aClipEveryCampaignDeclinesIsRejectedOnceWithAllReasons() {
        driver.campaign(Clips.catchAll("a", 1).build());
        driver.campaign(Clips.catchAll("b", 1).build());
        driver.upload(Clips.valid().build());
        ClipUploaded late = Clips.valid().build();
        driver.upload(late);

        List<ClipRejected> rejections = driver.rejected().readValuesToList();
        assertThat(rejections).singleElement().satisfies(r -> {
            assertThat(r.getClip().getClipId()).isEqualTo(late.getClipId());
            assertThat(r.getReason()).isEqualTo(RejectReason.CAMPAIGN_QUOTA_REACHED);
            assertThat(r.getDetail()).contains("campaign a reached its target of 1 clips")
                    .contains("campaign b reached its target of 1 clips");
        });
    }
}
