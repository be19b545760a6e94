package dev.clipstream.schemas.topic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clipstream.schemas.serde.HttpSchemaRegistryClient;
import dev.clipstream.schemas.serde.SerdeSettings;
import dev.clipstream.testkit.TestStack;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.Serdes;
import org.junit.jupiter.api.Test;

class TopicBootstrapIT {

    private final TestStack stack = TestStack.shared();
    private final TopicCatalog catalog = TopicCatalog.create(new SerdeSettings(stack.schemaRegistryUrl(), false));
    private final TopicBootstrap bootstrap = new TopicBootstrap(stack.admin());

    @Test
    void createsTheCatalogTopicsAndASecondRunChangesNothing() throws Exception {
        List<String> names = catalog.all().stream().map(TopicSpec::name).toList();

        TopicBootstrap.Result first = bootstrap.ensureTopics(catalog);
        TopicBootstrap.Result second = bootstrap.ensureTopics(catalog);

        assertThat(first.created()).as("created or already there").isSubsetOf(names);
        assertThat(concat(first.created(), first.alreadyPresent())).containsExactlyInAnyOrderElementsOf(names);
        assertThat(second.created()).isEmpty();
        assertThat(second.alreadyPresent()).containsExactlyInAnyOrderElementsOf(names);
        Map<String, TopicDescription> descriptions = stack.admin().describeTopics(names).allTopicNames().get();
        assertThat(descriptions.get("clips.uploaded").partitions()).hasSize(6);
        ConfigResource campaigns = new ConfigResource(ConfigResource.Type.TOPIC, "campaigns");
        Config config = stack.admin().describeConfigs(List.of(campaigns)).all().get().get(campaigns);
        assertThat(config.get(TopicConfig.CLEANUP_POLICY_CONFIG).value()).isEqualTo("compact");
    }

    @Test
    void reportsEveryConflictingTopicAtOnceAndStillCreatesTheMissingOnes() throws Exception {
        String tooFewPartitions = stack.uniqueTopic("conflict-partitions");
        String wrongPolicy = stack.uniqueTopic("conflict-policy");
        String missing = stack.uniqueTopic("conflict-missing");
        stack.admin().createTopics(List.of(
                new NewTopic(tooFewPartitions, 1, (short) 1),
                new NewTopic(wrongPolicy, 1, (short) 1).configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, "delete"))))
                .all().get();

        List<TopicSpec<?, ?>> specs = List.of(
                spec(tooFewPartitions, 3, (short) 1, Map.of()),
                spec(wrongPolicy, 1, (short) 1, Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, "compact")),
                spec(missing, 2, (short) 1, Map.of()));

        assertThatThrownBy(() -> bootstrap.ensureTopics(specs))
                .isInstanceOf(TopicConflictException.class)
                .hasMessageContaining("topic '" + tooFewPartitions + "': partition count is 1, declared 3")
                .hasMessageContaining("topic '" + wrongPolicy + "': cleanup.policy is delete, declared compact")
                .satisfies(e -> assertThat(((TopicConflictException) e).conflicts()).containsExactly(
                        new TopicConflict(tooFewPartitions, "partition count", "3", "1"),
                        new TopicConflict(wrongPolicy, "cleanup.policy", "compact", "delete")));
        assertThat(stack.admin().describeTopics(List.of(missing)).allTopicNames().get().get(missing).partitions())
                .hasSize(2);
    }

    @Test
    void reportsAReplicationFactorBelowTheDeclaredOne() throws Exception {
        String topic = stack.uniqueTopic("conflict-replication");
        stack.admin().createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();

        assertThatThrownBy(() -> bootstrap.ensureTopics(List.of(spec(topic, 1, (short) 3, Map.of()))))
                .isInstanceOf(TopicConflictException.class)
                .hasMessageContaining("topic '" + topic + "': replication factor is 1, declared 3");
    }

    @Test
    void morePartitionsThanDeclaredIsNoConflict() throws Exception {
        String topic = stack.uniqueTopic("more-partitions");
        stack.admin().createTopics(List.of(new NewTopic(topic, 4, (short) 1))).all().get();

        assertThat(bootstrap.ensureTopics(List.of(spec(topic, 2, (short) 1, Map.of()))).alreadyPresent())
                .containsExactly(topic);
    }

    @Test
    void registersEveryCatalogSchemaUnderItsValueSubject() {
        Map<String, Integer> ids = TopicBootstrap.registerSchemas(catalog);

        assertThat(ids.keySet()).containsExactly("clips.uploaded-value", "clips.rejected-value", "clips.labeled-value",
                "clips.review-value", "training.batches-value", "campaigns-value", "backend.status-value",
                "dispatch.events-value");
        HttpSchemaRegistryClient fresh = new HttpSchemaRegistryClient(stack.schemaRegistryUrl());
        catalog.all().forEach(topic -> topic.valueSchema().ifPresent(schema ->
                assertThat(fresh.lookUpId(topic.valueSubject(), schema)).isEqualTo(ids.get(topic.valueSubject()))));
    }

    private static TopicSpec<String, String> spec(String name, int partitions, short replication,
                                                  Map<String, String> configs) {
        return new TopicSpec<>(name, String.class, String.class, Serdes.String(), Serdes.String(), partitions,
                replication, configs, "test topic", "test", List.of("test"));
    }

    private static List<String> concat(List<String> a, List<String> b) {
        return Stream.concat(a.stream(), b.stream()).toList();
    }
}
