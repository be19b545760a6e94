package dev.clipstream.labeling.topology;

import dev.clipstream.schemas.avro.BatchCloseReason;
import dev.clipstream.schemas.avro.RejectReason;

/**
 * What the topology reports as it writes its outputs; the app counts these as metrics. Called on stream threads,
 * so implementations must be thread-safe and cheap. Under exactly-once, a record of an aborted transaction that is
 * processed again is reported again, so counts can run slightly ahead of the committed outputs.
 */
public interface LabelingEvents {

    LabelingEvents NONE = new LabelingEvents() {
    };

    default void rejected(RejectReason reason) {
    }

    default void labeled(boolean sentToReview) {
    }

    default void batchClosed(BatchCloseReason reason, int clipCount) {
    }
}
