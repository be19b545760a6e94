package dev.clipstream.labeling.topology;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clipstream.labeling.config.LabelingSettings;
import dev.clipstream.labeling.label.ReviewPolicy;
import dev.clipstream.labeling.label.SimulatedLabeler;
import dev.clipstream.schemas.avro.ClipUploaded;
import dev.clipstream.schemas.avro.LabeledClip;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Labeled clips go to clips.labeled; those with any label below the review confidence also to clips.review. */
class LabelRoutingTopologyTest {

    @Test
    void labeledClipsCarryThePredictableLabelsAndAreKeyedByVehicle() {
        try (LabelingDriver driver = new LabelingDriver(LabelingSettings.defaults())) {
            driver.campaign(Clips.catchAll("all", 100).build());
            ClipUploaded clip = Clips.valid().setVehicleId("veh-00007").build();
            driver.upload(clip);

            var record = driver.labeled().readKeyValue();
            assertThat(record.key).isEqualTo("veh-00007");
            assertThat(record.value.getLabels()).isEqualTo(new SimulatedLabeler().label(clip));
            assertThat(record.value.getClip().getClipId()).isEqualTo(clip.getClipId());
            assertThat(record.value.getClip().getBlobUri()).isEqualTo(clip.getBlobUri());
        }
    }

    @Test
    void onlyClipsWithALowConfidenceLabelGoToReview() {
        double threshold = 0.6;
        try (LabelingDriver driver = new LabelingDriver(LabelingSettings.defaults()
                .withReviewConfidence(threshold))) {
            driver.campaign(Clips.catchAll("all", 1_000).build());
            List<ClipUploaded> clips = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                clips.add(Clips.valid().build());
            }
            clips.forEach(driver::upload);

            List<LabeledClip> labeled = driver.labeled().readValuesToList();
            List<LabeledClip> review = driver.review().readValuesToList();

            assertThat(labeled).hasSize(40);
            List<LabeledClip> expectedReview = labeled.stream()
                    .filter(c -> ReviewPolicy.lowestConfidence(c.getLabels()) < threshold).toList();
            assertThat(expectedReview).isNotEmpty().hasSizeLessThan(40);
            assertThat(review).containsExactlyElementsOf(expectedReview);
        }
    }
}
