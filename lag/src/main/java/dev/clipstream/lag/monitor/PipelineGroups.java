package dev.clipstream.lag.monitor;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The pipeline's own consumer groups and the topics each is known to consume, so that they are reported even
 * before they commit (as "no committed offset") or when they do not exist yet.
 */
public final class PipelineGroups {

    /** application.id of the labeling Kafka Streams app. */
    public static final String LABELING = "clipstream-labeling";
    /** group.id of the training dispatcher. */
    public static final String DISPATCH = "clipstream-dispatch";

    private PipelineGroups() {
    }

    /** group -> topics it consumes whose lag matters to operators. */
    public static Map<String, Set<String>> expectedTopics() {
        Map<String, Set<String>> topics = new LinkedHashMap<>();
        topics.put(LABELING, Set.of("clips.uploaded"));
        topics.put(DISPATCH, Set.of("training.batches"));
        return topics;
    }
}
