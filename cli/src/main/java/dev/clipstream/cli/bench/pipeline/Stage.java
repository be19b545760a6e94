package dev.clipstream.cli.bench.pipeline;

import dev.clipstream.schemas.topic.TopicCatalog;
import dev.clipstream.schemas.topic.TopicSpec;
import java.util.function.Function;

/**
 * The Kafka hops a clip takes through the pipeline, in order: each is one write to a catalog topic by one service.
 * These four are what the end-to-end ratio counts as hops (labeling's internal repartition and changelog topics are
 * not counted; the report says so).
 */
public enum Stage {
    UPLOADED("clips.uploaded", "ingest", TopicCatalog::clipsUploaded),
    LABELED("clips.labeled", "labeling", TopicCatalog::clipsLabeled),
    BATCHED("training.batches", "labeling (batcher)", TopicCatalog::trainingBatches),
    DISPATCHED("dispatch.events", "dispatch", TopicCatalog::dispatchEvents);

    private final String topicName;
    private final String writer;
    private final Function<TopicCatalog, TopicSpec<?, ?>> topic;

    Stage(String topicName, String writer, Function<TopicCatalog, TopicSpec<?, ?>> topic) {
        this.topicName = topicName;
        this.writer = writer;
        this.topic = topic;
    }

    /** The catalog name, e.g. clips.uploaded (the default catalog has no prefix). */
    public String topicName() {
        return topicName;
    }

    /** The service that writes it. */
    public String writer() {
        return writer;
    }

    public TopicSpec<?, ?> topic(TopicCatalog catalog) {
        return topic.apply(catalog);
    }

    /** Number of hops the end-to-end ratio multiplies by. */
    public static int hops() {
        return values().length;
    }
}
