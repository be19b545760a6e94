package dev.clipstream.labeling.topology;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clipstream.labeling.app.LabelingStreamsConfig;
import dev.clipstream.labeling.config.LabelingSettings;
import dev.clipstream.labeling.label.SimulatedLabeler;
import dev.clipstream.schemas.serde.InMemorySchemaRegistryClient;
import dev.clipstream.schemas.topic.TopicCatalog;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TopologyDescription;
import org.junit.jupiter.api.Test;

/**
 * The app disables task idling (max.task.idle.ms=-1, see LabelingStreamsConfig). That is safe only while no task
 * reads two partitions whose records it must interleave in time order, i.e. while every sub-topology has exactly
 * one source topic. A join or merge added later must fail here first.
 */
class LabelingTopologyShapeTest {

    @Test
    void everySubTopologyReadsExactlyOneTopic() {
        TopicCatalog topics = TopicCatalog.create(new InMemorySchemaRegistryClient(1), true, (short) 1);
        TopologyDescription description = LabelingTopology.build(topics, LabelingSettings.defaults(),
                new SimulatedLabeler(), LabelingEvents.NONE).describe();

        assertThat(description.subtopologies()).hasSizeGreaterThanOrEqualTo(5);
        for (TopologyDescription.Subtopology subtopology : description.subtopologies()) {
            Set<String> sourceTopics = new TreeSet<>();
            subtopology.nodes().stream()
                    .filter(TopologyDescription.Source.class::isInstance)
                    .map(TopologyDescription.Source.class::cast)
                    .forEach(source -> sourceTopics.addAll(source.topicSet()));
            assertThat(sourceTopics).as("source topics of sub-topology %d", subtopology.id()).hasSize(1);
        }
    }

    @Test
    void taskIdlingIsOffUnlessOverridden() {
        assertThat(LabelingStreamsConfig.properties("app", "127.0.0.1:9092", "dlq", (short) 1, Map.of())
                .get(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG)).isEqualTo("-1");
        assertThat(LabelingStreamsConfig.properties("app", "127.0.0.1:9092", "dlq", (short) 1,
                Map.of(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, "0")).get(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG))
                .isEqualTo("0");
    }
}
