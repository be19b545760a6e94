package dev.clipstream.labeling.batch;

import dev.clipstream.schemas.avro.ClipRejected;
import dev.clipstream.schemas.avro.TrainingBatch;

/** What the batcher emits: a closed batch (keyed by batch id) or a declined clip (keyed by clip id). */
public record BatcherOutput(TrainingBatch batch, ClipRejected declined) {

    /** Header on a declined clip: how many campaigns it was matched to, so the tally knows when all declined. */
    public static final String MATCHED_CAMPAIGNS_HEADER = "clipstream.matched-campaigns";

    public static BatcherOutput batch(TrainingBatch batch) {
        return new BatcherOutput(batch, null);
    }

    public static BatcherOutput declined(ClipRejected declined) {
        return new BatcherOutput(null, declined);
    }

    public boolean isBatch() {
        return batch != null;
    }
}
