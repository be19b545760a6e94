package dev.clipstream.labeling.app;

import dev.clipstream.labeling.topology.LabelingEvents;
import dev.clipstream.schemas.avro.BatchCloseReason;
import dev.clipstream.schemas.avro.RejectReason;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Map;

/**
 * The app's own counters, on /metrics next to the KafkaStreamsMetrics binder:
 * {@code clipstream_labeling_rejected_total{reason}}, {@code clipstream_labeling_labeled_total{review}},
 * {@code clipstream_labeling_batches_closed_total{reason}} and {@code clipstream_labeling_batch_clips}.
 */
public final class LabelingMetrics implements LabelingEvents {

    private final Map<RejectReason, Counter> rejected = new EnumMap<>(RejectReason.class);
    private final Map<BatchCloseReason, Counter> batchesClosed = new EnumMap<>(BatchCloseReason.class);
    private final Counter labeledForReview;
    private final Counter labeledConfident;
    private final DistributionSummary batchClips;

    public LabelingMetrics(MeterRegistry registry) {
        // Every reason up front, so a dashboard shows 0 rather than nothing.
        for (RejectReason reason : RejectReason.values()) {
            rejected.put(reason, Counter.builder("clipstream.labeling.rejected")
                    .description("Clips written to clips.rejected, by reason").tag("reason", reason.name())
                    .register(registry));
        }
        for (BatchCloseReason reason : BatchCloseReason.values()) {
            batchesClosed.put(reason, Counter.builder("clipstream.labeling.batches.closed")
                    .description("Training batches closed, by close reason").tag("reason", reason.name())
                    .register(registry));
        }
        labeledForReview = Counter.builder("clipstream.labeling.labeled").tag("review", "true")
                .description("Clips written to clips.labeled; review=true also went to clips.review")
                .register(registry);
        labeledConfident = Counter.builder("clipstream.labeling.labeled").tag("review", "false")
                .description("Clips written to clips.labeled; review=true also went to clips.review")
                .register(registry);
        batchClips = DistributionSummary.builder("clipstream.labeling.batch.clips")
                .description("Clips per closed batch").register(registry);
    }

    @Override
    public void rejected(RejectReason reason) {
        rejected.get(reason).increment();
    }

    @Override
    public void labeled(boolean sentToReview) {
        (sentToReview ? labeledForReview : labeledConfident).increment();
    }

    @Override
    public void batchClosed(BatchCloseReason reason, int clipCount) {
        batchesClosed.get(reason).increment();
        batchClips.record(clipCount);
    }

    public double rejectedCount(RejectReason reason) {
        return rejected.get(reason).count();
    }

    public double batchesClosedCount(BatchCloseReason reason) {
        return batchesClosed.get(reason).count();
    }

    public double labeledCount() {
        return labeledForReview.count() + labeledConfident.count();
    }
}
