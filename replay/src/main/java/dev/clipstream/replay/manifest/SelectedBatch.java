package dev.clipstream.replay.manifest;

import dev.clipstream.schemas.avro.TrainingBatch;

/** A training batch as read from the source topic: where it is, its record key and its value. */
public record SelectedBatch(int partition, long offset, String key, TrainingBatch batch) {

    public String batchId() {
        return batch.getBatchId().toString();
    }
}
