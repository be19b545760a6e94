package dev.clipstream.dispatch.bench;

import dev.clipstream.schemas.avro.BatchCloseReason;
import dev.clipstream.schemas.avro.BatchOrigin;
import dev.clipstream.schemas.avro.BatchTotals;
import dev.clipstream.schemas.avro.TrainingBatch;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Training batches for the benchmark and tests: the totals the dispatcher reads, without clip lists (a job's size
 * follows from the totals alone).
 */
public final class SyntheticBatches {

    private SyntheticBatches() {
    }

    public static TrainingBatch batch(UUID batchId, String campaignId, int clipCount, double videoSeconds,
                                      BatchOrigin origin) {
        return TrainingBatch.newBuilder()
                .setBatchId(batchId)
                .setDatasetId("synthetic-" + campaignId)
                .setDatasetVersion(1)
                .setCampaignId(campaignId)
                .setClips(List.of())
                .setTotals(BatchTotals.newBuilder().setClipCount(clipCount).setTotalBytes(clipCount * 40_000_000L)
                        .setTotalVideoSeconds(videoSeconds).build())
                .setCreatedAt(Instant.now())
                .setCloseReason(BatchCloseReason.CLIP_COUNT_REACHED)
                .setOrigin(origin)
                .build();
    }
}
