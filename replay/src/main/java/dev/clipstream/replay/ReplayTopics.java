package dev.clipstream.replay;

import dev.clipstream.schemas.avro.DatasetManifest;
import dev.clipstream.schemas.avro.TrainingBatch;
import dev.clipstream.schemas.topic.TopicCatalog;
import java.util.Objects;
import org.apache.kafka.common.serialization.Serde;

/**
 * The two topics replay works on and their value serdes (keys are strings). Normally the catalog's
 * training.batches and datasets; tests point it at topics of their own.
 */
public record ReplayTopics(String batches, Serde<TrainingBatch> batchSerde, String datasets,
                           Serde<DatasetManifest> manifestSerde) {

    public ReplayTopics {
        Objects.requireNonNull(batches, "batches");
        Objects.requireNonNull(batchSerde, "batchSerde");
        Objects.requireNonNull(datasets, "datasets");
        Objects.requireNonNull(manifestSerde, "manifestSerde");
    }

    public static ReplayTopics of(TopicCatalog catalog) {
        return of(catalog, catalog.trainingBatches().name(), catalog.datasets().name());
    }

    /** The catalog's serdes on other topic names (subjects follow the topic names). */
    public static ReplayTopics of(TopicCatalog catalog, String batches, String datasets) {
        return new ReplayTopics(batches, catalog.trainingBatches().valueSerde(), datasets,
                catalog.datasets().valueSerde());
    }
}
