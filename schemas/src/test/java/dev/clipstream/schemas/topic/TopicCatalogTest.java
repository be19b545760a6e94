package dev.clipstream.schemas.topic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clipstream.schemas.avro.Campaign;
import dev.clipstream.schemas.avro.ClipUploaded;
import dev.clipstream.schemas.fixture.SampleRecords;
import dev.clipstream.schemas.serde.InMemorySchemaRegistryClient;
import dev.clipstream.schemas.serde.SchemaNotRegisteredException;
import dev.clipstream.schemas.serde.SerdeSettings;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.junit.jupiter.api.Test;

class TopicCatalogTest {

    private final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient(100);
    private final TopicCatalog catalog = TopicCatalog.create(registry, true, (short) 1);

    @Test
    void holdsEveryPipelineTopicOnceWithUniqueNames() {
        assertThat(catalog.all()).extracting(TopicSpec::name).containsExactly(
                "clips.uploaded", "clips.rejected", "clips.labeled", "clips.review", "training.batches",
                "campaigns", "backend.status", "dispatch.events", "datasets", "clipstream.dead-letter");
        assertThat(catalog.all()).allSatisfy(topic -> {
            assertThat(topic.description()).isNotBlank();
            assertThat(topic.producer()).isNotBlank();
            assertThat(topic.consumers()).isNotEmpty();
            assertThat(topic.replicationFactor()).isEqualTo((short) 1);
        });
    }

    @Test
    void stateTopicsAreCompactedAndEventTopicsHaveRetention() {
        assertThat(catalog.all()).filteredOn(TopicSpec::compacted).extracting(TopicSpec::name)
                .containsExactlyInAnyOrder("campaigns", "backend.status", "datasets");
        assertThat(catalog.all()).filteredOn(topic -> !topic.compacted()).allSatisfy(topic -> {
            assertThat(topic.cleanupPolicy()).isEqualTo("delete");
            assertThat(Long.parseLong(topic.configs().get(TopicConfig.RETENTION_MS_CONFIG))).isPositive();
        });
        assertThat(catalog.campaigns().configs()).containsEntry(TopicConfig.CLEANUP_POLICY_CONFIG, "compact");
    }

    @Test
    void typedTopicsCarryTheirKeyAndValueTypes() {
        TopicSpec<String, ClipUploaded> uploaded = catalog.clipsUploaded();
        assertThat(uploaded.keyType()).isEqualTo(String.class);
        assertThat(uploaded.valueType()).isEqualTo(ClipUploaded.class);
        assertThat(uploaded.valueSchema()).contains(ClipUploaded.getClassSchema());
        assertThat(uploaded.keySchema()).isEmpty();
        assertThat(catalog.campaigns().valueType()).isEqualTo(Campaign.class);
        assertThat(catalog.deadLetter().valueType()).isEqualTo(byte[].class);
        assertThat(catalog.deadLetter().valueSchema()).isEmpty();
        assertThat(catalog.clipsReview().valueType()).isEqualTo(catalog.clipsLabeled().valueType());
    }

    @Test
    void valueSerdeRoundTripsThroughTheCatalogRegistryUnderTheTopicValueSubject() {
        TopicSpec<String, ClipUploaded> uploaded = catalog.clipsUploaded();
        ClipUploaded clip = SampleRecords.clipUploaded();

        byte[] bytes = uploaded.valueSerde().serializer().serialize(uploaded.name(), clip);

        assertThat(uploaded.valueSerde().deserializer().deserialize(uploaded.name(), bytes)).isEqualTo(clip);
        assertThat(registry.lookUpId("clips.uploaded-value", ClipUploaded.getClassSchema())).isEqualTo(100);
        assertThat(uploaded.keySerde().deserializer().deserialize(uploaded.name(),
                uploaded.keySerde().serializer().serialize(uploaded.name(), "veh-1"))).isEqualTo("veh-1");
    }

    @Test
    void catalogWithoutAutoRegisterRefusesUnregisteredSchemas() {
        TopicCatalog strict = TopicCatalog.create(registry, false, (short) 1);

        assertThatThrownBy(() -> strict.campaigns().valueSerde().serializer()
                .serialize("campaigns", SampleRecords.campaign()))
                .isInstanceOf(SchemaNotRegisteredException.class)
                .hasMessageContaining("campaigns-value");
    }

    @Test
    void newTopicCarriesPartitionsReplicationAndConfigs() {
        NewTopic newTopic = catalog.clipsUploaded().newTopic();

        assertThat(newTopic.name()).isEqualTo("clips.uploaded");
        assertThat(newTopic.numPartitions()).isEqualTo(6);
        assertThat(newTopic.replicationFactor()).isEqualTo((short) 1);
        assertThat(newTopic.configs()).containsEntry(TopicConfig.RETENTION_MS_CONFIG, "604800000");
    }

    @Test
    void productionReplicationAddsMinInSyncReplicas() {
        TopicCatalog production = TopicCatalog.create(registry, false, (short) 3);

        assertThat(production.all()).allSatisfy(topic -> {
            assertThat(topic.replicationFactor()).isEqualTo((short) 3);
            assertThat(topic.configs()).containsEntry(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, "2");
        });
        assertThat(catalog.clipsUploaded().configs()).doesNotContainKey(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG);
    }

    @Test
    void findsTopicsByName() {
        assertThat(catalog.byName("dispatch.events")).containsSame(catalog.dispatchEvents());
        assertThat(catalog.byName("nope")).isEmpty();
    }

    @Test
    void rendersAMarkdownTableWithOneRowPerTopic() {
        String table = catalog.toMarkdownTable();
        List<String> lines = table.lines().toList();

        assertThat(lines.get(0)).isEqualTo(
                "| name | key | value | partitions | retention/compaction | producer | consumers |");
        assertThat(lines).hasSize(2 + catalog.all().size());
        assertThat(lines).contains(
                "| `clips.uploaded` | String | ClipUploaded | 6 | 7 d | ingest | labeling |",
                "| `campaigns` | String | Campaign | 1 | compacted | cli (campaign admin) | labeling |",
                "| `clipstream.dead-letter` | bytes | bytes | 1 | 30 d | all services | operators |");
    }

    @Test
    void specRejectsNonsense() {
        assertThatThrownBy(() -> new TopicSpec<>("t", String.class, String.class, null, null, 0, (short) 1, Map.of(),
                "d", "p", List.of())).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("partitions");
        assertThatThrownBy(() -> TopicCatalog.create(registry, true, (short) 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Replication factor");
    }

    @Test
    void catalogFromSettingsNeedsNoRegistryUntilUsed() {
        TopicCatalog fromSettings = TopicCatalog.create(new SerdeSettings("http://127.0.0.1:1/apis/ccompat/v7", false));

        assertThat(fromSettings.registry().url()).isEqualTo("http://127.0.0.1:1/apis/ccompat/v7");
        assertThat(fromSettings.all()).hasSize(10);
    }
}
