package dev.clipstream.labeling.topology;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clipstream.labeling.config.LabelingSettings;
import dev.clipstream.schemas.avro.ClipRejected;
import dev.clipstream.schemas.avro.ClipUploaded;
import dev.clipstream.schemas.avro.PrivacyAttestation;
import dev.clipstream.schemas.avro.RejectReason;
import dev.clipstream.schemas.avro.Resolution;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every filter's reject reason, end to end through the topology: what reaches clips.rejected, with which text. */
class FilterTopologyTest {

    private LabelingDriver driver;

    @BeforeEach
    void start() {
        driver = new LabelingDriver(LabelingSettings.defaults().withDuplicateWindow(Duration.ofMinutes(10)));
        driver.campaign(Clips.catchAll("everything", 1_000).build());
    }

    @AfterEach
    void stop() {
        driver.close();
    }

    @Test
    void implausibleMetadataIsRejectedWithTheProblemNamed() {
        ClipUploaded base = Clips.valid().build();
        driver.upload(Clips.valid().setDurationMillis(0).build());
        driver.upload(Clips.valid().setCaptureEnd(base.getCaptureStart().minusSeconds(1)).build());
        driver.upload(Clips.valid().setFramesPerSecond(1000f).build());
        driver.upload(Clips.valid().setResolution(new Resolution(100, 50)).build());
        driver.upload(Clips.valid().setByteSize(1_000L).build());
        driver.upload(Clips.valid().setByteSize(5_000_000_000L).build());

        List<ClipRejected> rejections = driver.rejected().readValuesToList();

        assertThat(rejections).extracting(ClipRejected::getReason).containsOnly(RejectReason.IMPLAUSIBLE_METADATA);
        assertThat(rejections).extracting(ClipRejected::getRejectedBy).containsOnly("labeling/plausibility-filter");
        assertThat(rejections).extracting(ClipRejected::getDetail).satisfiesExactly(
                d -> assertThat(d).isEqualTo("durationMillis is 0, not positive"),
                d -> assertThat(d).startsWith("captureEnd ").contains("is before captureStart"),
                d -> assertThat(d).isEqualTo("framesPerSecond 1000.0 is outside 1.0..240.0"),
                d -> assertThat(d).startsWith("resolution 100x50 is outside"),
                d -> assertThat(d).contains("800 bit/s, outside the plausible"),
                d -> assertThat(d).contains("4000000000 bit/s, outside the plausible"));
        assertThat(driver.labeled().isEmpty()).isTrue();
    }

    @Test
    void clipsWithoutPrivacyClearanceAreRejected() {
        driver.upload(Clips.valid().setPrivacy(null).build());
        driver.upload(Clips.valid().setPrivacy(new PrivacyAttestation(false, true, "blur-2026.10.1")).build());
        driver.upload(Clips.valid().setPrivacy(new PrivacyAttestation(true, false, "blur-2026.10.1")).build());
        driver.upload(Clips.valid().setPrivacy(new PrivacyAttestation(true, true, "blur-2025.01.0")).build());

        List<ClipRejected> rejections = driver.rejected().readValuesToList();

        assertThat(rejections).extracting(ClipRejected::getReason).containsOnly(RejectReason.NO_PRIVACY_CLEARANCE);
        assertThat(rejections).extracting(ClipRejected::getDetail).containsExactly(
                "no privacy attestation", "faces not blurred", "licence plates not blurred",
                "blur model 'blur-2025.01.0' is not allowed (allowed: blur-2026.08.3, blur-2026.10.1)");
    }

    @Test
    void sameContentUnderAnotherClipIdIsADuplicate() {
        ClipUploaded first = Clips.valid().build();
        ClipUploaded copy = ClipUploaded.newBuilder(first).setClipId(UUID.randomUUID()).setVehicleId("veh-99999")
                .build();

        driver.upload(first);
        driver.upload(copy);

        List<ClipRejected> rejections = driver.rejected().readValuesToList();
        assertThat(rejections).singleElement().satisfies(r -> {
            assertThat(r.getReason()).isEqualTo(RejectReason.DUPLICATE);
            assertThat(r.getClip().getClipId()).isEqualTo(copy.getClipId());
            assertThat(r.getDetail()).isEqualTo("duplicate of clip " + first.getClipId() + " (same sha256 "
                    + first.getSha256() + ")");
        });
        assertThat(driver.rejected().isEmpty()).isTrue();
        assertThat(driver.labeled().readValuesToList()).hasSize(1);
    }

    @Test
    void sameClipIdWithOtherContentIsADuplicate() {
        ClipUploaded first = Clips.valid().build();
        ClipUploaded sameId = Clips.valid().setClipId(first.getClipId()).build();

        driver.upload(first);
        driver.upload(sameId);

        assertThat(driver.rejected().readValuesToList()).singleElement().satisfies(r -> {
            assertThat(r.getReason()).isEqualTo(RejectReason.DUPLICATE);
            assertThat(r.getClip().getSha256()).isEqualTo(sameId.getSha256());
            assertThat(r.getDetail()).isEqualTo("duplicate clip id " + first.getClipId()
                    + " (first seen with sha256 " + first.getSha256() + ")");
        });
    }

    @Test
    void aRepeatAfterTheWindowIsNoDuplicate() {
        ClipUploaded first = Clips.valid().build();
        ClipUploaded copy = ClipUploaded.newBuilder(first).setClipId(UUID.randomUUID()).build();

        driver.uploadAt(first, LabelingDriver.START);
        driver.uploadAt(copy, LabelingDriver.START.plus(Duration.ofMinutes(11)));

        assertThat(driver.rejected().isEmpty()).isTrue();
        assertThat(driver.labeled().readValuesToList()).hasSize(2);
    }

    @Test
    void expiredEntriesArePurgedByWallClockSoTheWindowStillHolds() {
        ClipUploaded first = Clips.valid().build();
        driver.uploadAt(first, LabelingDriver.START);
        driver.uploadAt(Clips.valid().build(), LabelingDriver.START.plus(Duration.ofMinutes(30)));
        driver.advanceWallClock(Duration.ofMinutes(2));

        // After the purge, a late copy (older record time) is no longer known as a duplicate.
        driver.uploadAt(ClipUploaded.newBuilder(first).setClipId(UUID.randomUUID()).build(),
                LabelingDriver.START.plus(Duration.ofMinutes(5)));

        assertThat(driver.rejected().isEmpty()).isTrue();
    }

    @Test
    void noActiveCampaignRejectsWithDetail() {
        driver.campaign(Clips.catchAll("everything", 1_000)
                .setStatus(dev.clipstream.schemas.avro.CampaignStatus.CLOSED).build());
        driver.upload(Clips.valid().build());

        assertThat(driver.rejected().readValuesToList()).singleElement().satisfies(r -> {
            assertThat(r.getReason()).isEqualTo(RejectReason.NO_ACTIVE_CAMPAIGN);
            assertThat(r.getDetail()).isEqualTo("no campaign is active");
            assertThat(r.getRejectedBy()).isEqualTo("labeling/campaign-matcher");
        });
    }

    @Test
    void rejectionsAreKeyedByVehicle() {
        ClipUploaded clip = Clips.valid().setPrivacy(null).setVehicleId("veh-00042").build();
        driver.upload(clip);

        assertThat(driver.rejected().readKeyValue().key).isEqualTo("veh-00042");
    }
}
