package dev.clipstream.labeling.app;

import dev.clipstream.runtime.management.ManagementSettings;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * How one labeling instance runs, apart from its rules: where Kafka is, its application id, its management
 * endpoint, Kafka Streams overrides, whether it creates the catalog topics, and the shutdown timeout.
 */
public record LabelingRuntime(String bootstrapServers, String applicationId, ManagementSettings management,
                              Map<String, String> streamsOverrides, boolean createTopics, Duration shutdownTimeout) {

    public static final String DEFAULT_APPLICATION_ID = "clipstream-labeling";

    public LabelingRuntime {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(applicationId, "applicationId");
        Objects.requireNonNull(management, "management");
        streamsOverrides = Map.copyOf(streamsOverrides);
    }

    /** For an in-process start (demo, tests): default application id, management on any free port. */
    public static LabelingRuntime inProcess(String bootstrapServers) {
        return new LabelingRuntime(bootstrapServers, DEFAULT_APPLICATION_ID,
                ManagementSettings.of("labeling", "127.0.0.1", 0), Map.of(), true, Duration.ofSeconds(30));
    }

    public LabelingRuntime withApplicationId(String id) {
        return new LabelingRuntime(bootstrapServers, id, management, streamsOverrides, createTopics, shutdownTimeout);
    }

    public LabelingRuntime withStreamsOverrides(Map<String, String> overrides) {
        return new LabelingRuntime(bootstrapServers, applicationId, management, overrides, createTopics,
                shutdownTimeout);
    }
}
