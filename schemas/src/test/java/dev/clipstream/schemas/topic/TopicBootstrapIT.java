package dev.clipstream.schemas.topic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clipstream.schemas.serde.HttpSchemaRegistryClient;
import dev.clipstream.schemas.serde.SerdeSettings;
import dev.clipstream.testkit.TestStack;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ForwardingAdmin;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.admin.ListTopicsResult;
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
        // The catalog's topics under fresh names: the shared broker may hold the real names from other tests.
        List<TopicSpec<?, ?>> specs = catalog.all().stream().<TopicSpec<?, ?>>map(this::underFreshName).toList();
        List<String> names = specs.stream().map(TopicSpec::name).toList();

        TopicBootstrap.Result first = bootstrap.ensureTopics(specs);
        TopicBootstrap.Result second = bootstrap.ensureTopics(specs);

        assertThat(first.created()).containsExactlyElementsOf(names);
        assertThat(first.alreadyPresent()).isEmpty();
        assertThat(second.created()).isEmpty();
        assertThat(second.alreadyPresent()).containsExactlyElementsOf(names);
        assertThat(second.drift()).isEmpty();
        Map<String, TopicDescription> descriptions = stack.admin().describeTopics(names).allTopicNames().get();
        List<ConfigResource> resources = names.stream()
                .map(name -> new ConfigResource(ConfigResource.Type.TOPIC, name)).toList();
        Map<ConfigResource, Config> configs = stack.admin().describeConfigs(resources).all().get();
        for (TopicSpec<?, ?> spec : specs) {
            assertThat(descriptions.get(spec.name()).partitions()).as(spec.name()).hasSize(spec.partitions());
            Config config = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, spec.name()));
            spec.configs().forEach((key, value) ->
                    assertThat(config.get(key).value()).as(spec.name() + " " + key).isEqualTo(value));
        }
        assertThat(specs).filteredOn(TopicSpec::compacted).extracting(TopicSpec::name)
                .as("the catalog's compacted topics were checked too")
                .hasSize(3);
    }

    @Test
    void concurrentBootstrapsOfTheSameFreshTopicsAllSucceedAndCreateEachTopicOnce() throws Exception {
        int racers = 4;
        List<TopicSpec<?, ?>> specs = List.of(
                spec(stack.uniqueTopic("race-a"), 3, (short) 1, Map.of()),
                spec(stack.uniqueTopic("race-b"), 2, (short) 1, Map.of(TopicConfig.CLEANUP_POLICY_CONFIG, "compact")),
                spec(stack.uniqueTopic("race-c"), 1, (short) 1, Map.of()));
        List<String> names = specs.stream().map(TopicSpec::name).toList();
        ExecutorService pool = Executors.newFixedThreadPool(racers);
        try (Admin admin = new ListThenLineUpAdmin(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                stack.bootstrapServers()), new CyclicBarrier(racers))) {
            List<Future<TopicBootstrap.Result>> futures = new ArrayList<>();
            for (int i = 0; i < racers; i++) {
                futures.add(pool.submit(() -> new TopicBootstrap(admin).ensureTopics(specs)));
            }
            List<TopicBootstrap.Result> results = new ArrayList<>();
            for (Future<TopicBootstrap.Result> future : futures) {
                results.add(future.get(60, TimeUnit.SECONDS));
            }

            for (TopicBootstrap.Result result : results) {
                assertThat(concat(result.created(), result.alreadyPresent()))
                        .containsExactlyInAnyOrderElementsOf(names);
            }
            for (String name : names) {
                assertThat(results).filteredOn(r -> r.created().contains(name)).as("racers that created " + name)
                        .hasSize(1);
            }
            // Every racer listed before any created: each loser went through the TopicExistsException branch.
            assertThat(results.stream().mapToInt(r -> r.alreadyPresent().size()).sum())
                    .isEqualTo((racers - 1) * names.size());
        } finally {
            pool.shutdownNow();
        }
        assertThat(stack.admin().listTopics().names().get()).containsAll(names);
        Map<String, TopicDescription> descriptions = stack.admin().describeTopics(names).allTopicNames().get();
        for (TopicSpec<?, ?> spec : specs) {
            assertThat(descriptions.get(spec.name()).partitions()).as(spec.name()).hasSize(spec.partitions());
        }
    }

    @Test
    void configDriftIsReportedAndLoggedOncePerTopicButIsNoConflict() throws Exception {
        String drifted = stack.uniqueTopic("drift");
        stack.admin().createTopics(List.of(new NewTopic(drifted, 1, (short) 1).configs(Map.of(
                TopicConfig.RETENTION_MS_CONFIG, "3600000",
                TopicConfig.DELETE_RETENTION_MS_CONFIG, "1000")))).all().get();
        TopicSpec<String, String> spec = spec(drifted, 1, (short) 1, Map.of(
                TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_DELETE,
                TopicConfig.RETENTION_MS_CONFIG, "604800000",
                TopicConfig.DELETE_RETENTION_MS_CONFIG, "86400000",
                TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, "1"));

        TopicBootstrap.Result result;
        List<String> warnings;
        try (CapturedLog log = CapturedLog.of(TopicBootstrap.class)) {
            result = bootstrap.ensureTopics(List.of(spec));
            warnings = log.warnings();
        }

        assertThat(result.alreadyPresent()).containsExactly(drifted);
        assertThat(result.drift()).containsExactly(
                new ConfigDrift(drifted, TopicConfig.DELETE_RETENTION_MS_CONFIG, "86400000", "1000"),
                new ConfigDrift(drifted, TopicConfig.RETENTION_MS_CONFIG, "604800000", "3600000"));
        assertThat(warnings).filteredOn(w -> w.contains(drifted)).singleElement().asString()
                .contains("retention.ms is 3600000, expected 604800000")
                .contains("delete.retention.ms is 1000, expected 86400000")
                .doesNotContain(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG);
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
                "dispatch.events-value", "datasets-value");
        HttpSchemaRegistryClient fresh = new HttpSchemaRegistryClient(stack.schemaRegistryUrl());
        catalog.all().forEach(topic -> topic.valueSchema().ifPresent(schema ->
                assertThat(fresh.lookUpId(topic.valueSubject(), schema)).isEqualTo(ids.get(topic.valueSubject()))));
    }

    private <K, V> TopicSpec<K, V> underFreshName(TopicSpec<K, V> topic) {
        return new TopicSpec<>(stack.uniqueTopic(topic.name()), topic.keyType(), topic.valueType(), topic.keySerde(),
                topic.valueSerde(), topic.partitions(), topic.replicationFactor(), topic.configs(),
                topic.description(), topic.producer(), topic.consumers());
    }

    /**
     * Holds every racer after its topic listing until all have listed, so all see the topics missing and all try
     * to create them: exactly one wins each topic, the others must take the TopicExistsException path.
     */
    private static final class ListThenLineUpAdmin extends ForwardingAdmin {
        private final CyclicBarrier listed;

        ListThenLineUpAdmin(Map<String, Object> configs, CyclicBarrier listed) {
            super(configs);
            this.listed = listed;
        }

        @Override
        public ListTopicsResult listTopics(ListTopicsOptions options) {
            ListTopicsResult result = super.listTopics(options);
            try {
                result.names().get(30, TimeUnit.SECONDS);
                listed.await(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException("Racers did not all list topics within 30 s", e);
            }
            return result;
        }
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
