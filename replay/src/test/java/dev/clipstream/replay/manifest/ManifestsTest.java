package dev.clipstream.replay.manifest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clipstream.replay.fixture.Batches;
import dev.clipstream.replay.selection.BatchSelection;
import dev.clipstream.replay.selection.DatasetIds;
import dev.clipstream.schemas.avro.DatasetManifest;
import dev.clipstream.schemas.avro.DatasetPartitionRange;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ManifestsTest {

    private final BatchSelection selection = BatchSelection.of(List.of("rain"), List.of(), null, null);
    private final SelectionSnapshot snapshot = new SelectionSnapshot("training.batches", selection,
            Map.of(0, 0L, 1, 5L, 2, 0L), Map.of(0, 40L, 1, 50L, 2, 7L),
            List.of(new SelectedBatch(0, 3, "rain", Batches.batch("a", "rain", 2, 0)),
                    new SelectedBatch(0, 17, "rain", Batches.batch("b", "rain", 3, 1)),
                    new SelectedBatch(1, 9, "rain", Batches.batch("c", "rain", 1, 2))),
            60, 0, 0);

    @Test
    void manifestHoldsRangesBatchIdsAndTotals() {
        DatasetManifest manifest = Manifests.build(snapshot, 2, Instant.parse("2026-11-29T00:00:00Z"));

        assertThat(manifest.getDatasetId()).isEqualTo(DatasetIds.datasetId(selection));
        assertThat(manifest.getManifestId()).isEqualTo(manifest.getDatasetId() + "@v2");
        assertThat(manifest.getVersion()).isEqualTo(2);
        assertThat(manifest.getRanges()).containsExactly(
                range(0, 3, 18, 40), range(1, 9, 10, 50), range(2, 7, 7, 7));
        assertThat(Manifests.batchIds(manifest)).containsExactly(Batches.uuid("batch:a").toString(),
                Batches.uuid("batch:b").toString(), Batches.uuid("batch:c").toString());
        assertThat(manifest.getTotals().getBatchCount()).isEqualTo(3);
        assertThat(manifest.getTotals().getClipCount()).isEqualTo(6);
        assertThat(manifest.getTotals().getTotalVideoSeconds())
                .isEqualTo(snapshot.batches().stream().mapToDouble(b -> b.batch().getTotals().getTotalVideoSeconds())
                        .sum());
        assertThat(manifest.getBatches().get(1).getOffset()).isEqualTo(17);
        assertThat(manifest.getSelection()).isEqualTo(selection.toAvro());
    }

    @Test
    void sameBatchesMeansSameDataset() {
        DatasetManifest manifest = Manifests.build(snapshot, 1, Instant.EPOCH);
        SelectionSnapshot later = new SelectionSnapshot("training.batches", selection, Map.of(), Map.of(0, 90L),
                snapshot.batches(), 90, 0, 0);
        SelectionSnapshot grown = new SelectionSnapshot("training.batches", selection, Map.of(), Map.of(0, 90L),
                List.of(snapshot.batches().get(0)), 90, 0, 0);

        assertThat(Manifests.selectsSameBatches(manifest, later)).isTrue();
        assertThat(Manifests.selectsSameBatches(manifest, grown)).isFalse();
    }

    private static DatasetPartitionRange range(int partition, long start, long end, long snapshotEnd) {
        return DatasetPartitionRange.newBuilder().setPartition(partition).setStartOffset(start).setEndOffset(end)
                .setSnapshotEndOffset(snapshotEnd).build();
    }
}
