package dev.clipstream.replay.publish;

import dev.clipstream.replay.manifest.SelectedBatch;
import dev.clipstream.replay.selection.DatasetIds;
import dev.clipstream.schemas.avro.BatchOrigin;
import dev.clipstream.schemas.avro.DatasetManifest;
import dev.clipstream.schemas.avro.TrainingBatch;
import dev.clipstream.schemas.serde.GeneratedClassTrust;

/** How an original batch becomes its republished copy. Pure, so the copy of a batch is the same on every rerun. */
public final class ReplayBatches {

    /** Header naming the original batch of a replayed copy. */
    public static final String SOURCE_BATCH_HEADER = "clipstream.replay.source-batch-id";
    /** Header naming the manifest a replayed copy belongs to. */
    public static final String MANIFEST_HEADER = "clipstream.replay.manifest-id";

    static {
        // Copying a record deep-copies its nested records, which Avro 1.12.1+ allows only for trusted classes.
        GeneratedClassTrust.ensureInstalled();
    }

    private ReplayBatches() {
    }

    /**
     * Same clips, labels, totals, campaign and createdAt; new batch id (from manifest id and original id), the
     * dataset's id and version, origin REPLAY.
     */
    public static TrainingBatch copyFor(DatasetManifest manifest, TrainingBatch original) {
        return TrainingBatch.newBuilder(original)
                .setBatchId(DatasetIds.replayBatchId(manifest.getManifestId(), original.getBatchId().toString()))
                .setDatasetId(manifest.getDatasetId())
                .setDatasetVersion(manifest.getVersion())
                .setOrigin(BatchOrigin.REPLAY)
                .build();
    }

    /**
     * The copy keeps the original's partitioning convention: a key that was the original batch id becomes the new
     * batch id; any other key (e.g. the campaign id) is kept.
     */
    public static String keyFor(SelectedBatch original, TrainingBatch copy) {
        String key = original.key();
        if (key == null || key.equals(original.batchId())) {
            return copy.getBatchId().toString();
        }
        return key;
    }

    /** True when {@code batch} is a copy published for {@code manifest}. */
    public static boolean belongsTo(TrainingBatch batch, DatasetManifest manifest) {
        return batch.getOrigin() == BatchOrigin.REPLAY
                && batch.getDatasetId().equals(manifest.getDatasetId())
                && batch.getDatasetVersion() == manifest.getVersion();
    }
}
