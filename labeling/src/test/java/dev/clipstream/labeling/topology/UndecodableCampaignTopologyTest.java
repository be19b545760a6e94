package dev.clipstream.labeling.topology;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clipstream.labeling.config.LabelingSettings;
import dev.clipstream.schemas.avro.Campaign;
import dev.clipstream.schemas.avro.ClipUploaded;
import dev.clipstream.schemas.avro.LabeledClip;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A poison pill already on the campaigns topic when labeling starts is copied into the global store as it is (the
 * restore of a global table skips the deserialization handler). Reading the campaigns must skip that entry, not fail
 * every clip: clips still match the valid campaigns and none is dead-lettered.
 */
class UndecodableCampaignTopologyTest {

    @Test
    void garbageInTheCampaignStoreIsSkippedAndClipsMatchTheValidCampaigns() {
        try (LabelingDriver driver = new LabelingDriver(LabelingSettings.defaults())) {
            driver.campaign(Clips.catchAll("valid", 100).build());
            driver.restoreRawCampaign("raw-garbage", "raw bytes".getBytes(StandardCharsets.UTF_8));
            driver.restoreRawCampaign("unknown-schema-id", new byte[] {0, 0x7f, 0x7f, 0x7f, 0x7f, 2, 4, 6});
            byte[] valid = driver.topics().campaigns().valueSerde().serializer()
                    .serialize(driver.topics().campaigns().name(), Clips.catchAll("restored", 100).build());
            driver.restoreRawCampaign("restored", valid);

            List<ClipUploaded> clips = List.of(Clips.valid().build(), Clips.valid().build(), Clips.valid().build());
            clips.forEach(driver::upload);

            List<LabeledClip> labeled = driver.labeled().readValuesToList();
            assertThat(labeled).extracting(clip -> clip.getClip().getClipId())
                    .containsExactlyElementsOf(clips.stream().map(ClipUploaded::getClipId).toList());
            assertThat(labeled).allSatisfy(clip ->
                    assertThat(clip.getCampaignIds()).containsExactlyInAnyOrder("valid", "restored"));
            assertThat(driver.deadLetter().isEmpty()).as("dead letters").isTrue();
            assertThat(driver.rejected().isEmpty()).as("rejections").isTrue();
        }
    }

    @Test
    void aBatchOfAValidCampaignClosesNextToGarbage() {
        try (LabelingDriver driver = new LabelingDriver(LabelingSettings.defaults())) {
            Campaign small = Clips.catchAll("small", 2).build();
            driver.campaign(small);
            driver.restoreRawCampaign("garbage", "not avro".getBytes(StandardCharsets.UTF_8));

            driver.upload(Clips.valid().build());
            driver.upload(Clips.valid().build());

            assertThat(driver.batches().readValuesToList()).extracting(batch -> batch.getCampaignId())
                    .containsExactly("small");
            assertThat(driver.deadLetter().isEmpty()).as("dead letters").isTrue();
        }
    }
}
