package dev.clipstream.replay.publish;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clipstream.replay.fixture.Batches;
import dev.clipstream.replay.manifest.Manifests;
import dev.clipstream.replay.manifest.SelectedBatch;
import dev.clipstream.replay.manifest.SelectionSnapshot;
import dev.clipstream.replay.selection.BatchSelection;
import dev.clipstream.replay.selection.DatasetIds;
import dev.clipstream.schemas.avro.BatchOrigin;
import dev.clipstream.schemas.avro.DatasetManifest;
import dev.clipstream.schemas.avro.TrainingBatch;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReplayBatchesTest {

    private final TrainingBatch original = Batches.batch("a", "rain", 3, 0);
    private final DatasetManifest manifest = Manifests.build(new SelectionSnapshot("t",
            BatchSelection.everything(), Map.of(), Map.of(0, 1L),
            List.of(new SelectedBatch(0, 0, "rain", original)), 1, 0, 0), 4, Instant.EPOCH);

    @Test
    void copyKeepsTheClipsAndTakesTheDatasetVersionANewIdAndReplayOrigin() {
        TrainingBatch copy = ReplayBatches.copyFor(manifest, original);

        assertThat(copy.getBatchId()).isEqualTo(DatasetIds.replayBatchId(manifest.getManifestId(),
                original.getBatchId().toString())).isNotEqualTo(original.getBatchId());
        assertThat(copy.getOrigin()).isEqualTo(BatchOrigin.REPLAY);
        assertThat(copy.getDatasetId()).isEqualTo(manifest.getDatasetId());
        assertThat(copy.getDatasetVersion()).isEqualTo(4);
        assertThat(copy.getClips()).isEqualTo(original.getClips());
        assertThat(copy.getTotals()).isEqualTo(original.getTotals());
        assertThat(copy.getCampaignId()).isEqualTo(original.getCampaignId());
        assertThat(ReplayBatches.copyFor(manifest, original)).isEqualTo(copy);
        assertThat(ReplayBatches.belongsTo(copy, manifest)).isTrue();
        assertThat(ReplayBatches.belongsTo(original, manifest)).isFalse();
    }

    @Test
    void keyFollowsTheOriginalConvention() {
        TrainingBatch copy = ReplayBatches.copyFor(manifest, original);
        String originalId = original.getBatchId().toString();

        assertThat(ReplayBatches.keyFor(new SelectedBatch(0, 0, "rain", original), copy)).isEqualTo("rain");
        assertThat(ReplayBatches.keyFor(new SelectedBatch(0, 0, originalId, original), copy))
                .isEqualTo(copy.getBatchId().toString());
        assertThat(ReplayBatches.keyFor(new SelectedBatch(0, 0, null, original), copy))
                .isEqualTo(copy.getBatchId().toString());
    }
}
