package dev.clipstream.schemas.acl;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clipstream.schemas.serde.InMemorySchemaRegistryClient;
import dev.clipstream.schemas.topic.TopicCatalog;
import dev.clipstream.schemas.topic.TopicSpec;
import java.util.EnumMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourceType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class KafkaAclsTest {

    private final TopicCatalog catalog = TopicCatalog.create(new InMemorySchemaRegistryClient(1), false, (short) 1);
    private final KafkaAcls acls = KafkaAcls.of(catalog);

    /** The roles' topics as the README's topic table and the services' code describe them: the spec. */
    private static final Map<ServiceRole, Set<String>> WRITES = new EnumMap<>(Map.of(
            ServiceRole.INGEST, Set.of("clips.uploaded"),
            ServiceRole.LABELING, Set.of("clips.labeled", "clips.review", "clips.rejected", "training.batches",
                    "clipstream.dead-letter"),
            ServiceRole.DISPATCH, Set.of("dispatch.events", "clipstream.dead-letter"),
            ServiceRole.BACKENDS, Set.of("backend.status"),
            ServiceRole.LAG, Set.of(),
            ServiceRole.REPLAY, Set.of("training.batches", "datasets")));

    private static final Map<ServiceRole, Set<String>> READS = new EnumMap<>(Map.of(
            ServiceRole.INGEST, Set.of("clips.uploaded"),
            ServiceRole.LABELING, Set.of("clips.uploaded", "campaigns"),
            ServiceRole.DISPATCH, Set.of("training.batches", "dispatch.events"),
            ServiceRole.BACKENDS, Set.of(),
            ServiceRole.LAG, Set.of("clips.uploaded", "training.batches"),
            ServiceRole.REPLAY, Set.of("training.batches", "datasets")));

    @Test
    void ingestMayWriteClipsUploadedAndNothingElse() {
        assertThat(catalogTopicsWhere(ServiceRole.INGEST, AclOperation.WRITE)).containsExactly("clips.uploaded");
    }

    @Test
    void labelingMayNotWriteDispatchEventsNorItsOwnInput() {
        assertThat(acls.allowsTopic(ServiceRole.LABELING, "dispatch.events", AclOperation.WRITE)).isFalse();
        assertThat(acls.allowsTopic(ServiceRole.LABELING, "clips.uploaded", AclOperation.WRITE)).isFalse();
        assertThat(acls.allowsTopic(ServiceRole.LABELING, "clips.uploaded", AclOperation.READ)).isTrue();
    }

    @ParameterizedTest
    @EnumSource(ServiceRole.class)
    void eachRoleWritesExactlyItsOutputTopics(ServiceRole role) {
        assertThat(catalogTopicsWhere(role, AclOperation.WRITE)).as(role + " WRITE")
                .containsExactlyInAnyOrderElementsOf(WRITES.get(role));
    }

    @ParameterizedTest
    @EnumSource(ServiceRole.class)
    void eachRoleReadsExactlyItsInputTopics(ServiceRole role) {
        assertThat(catalogTopicsWhere(role, AclOperation.READ)).as(role + " READ")
                .containsExactlyInAnyOrderElementsOf(READS.get(role));
    }

    @ParameterizedTest
    @EnumSource(ServiceRole.class)
    void noRoleMayCreateDeleteOrAlterACatalogTopic(ServiceRole role) {
        for (AclOperation operation : Set.of(AclOperation.CREATE, AclOperation.DELETE, AclOperation.ALTER,
                AclOperation.ALTER_CONFIGS, AclOperation.ALL)) {
            assertThat(catalogTopicsWhere(role, operation)).as(role + " " + operation).isEmpty();
        }
    }

    @Test
    void noGrantIsAWildcardAnAllOrOnTheCluster() {
        assertThat(acls.grants()).isNotEmpty().allSatisfy(grant -> {
            assertThat(grant.name()).as(grant.toString()).isNotBlank().isNotEqualTo("*");
            assertThat(grant.operation()).as(grant.toString()).isNotIn(AclOperation.ALL, AclOperation.ANY,
                    AclOperation.IDEMPOTENT_WRITE, AclOperation.CLUSTER_ACTION);
            assertThat(grant.resourceType()).as(grant.toString()).isIn(ResourceType.TOPIC, ResourceType.GROUP,
                    ResourceType.TRANSACTIONAL_ID);
            assertThat(grant.toBinding().entry().principal()).isEqualTo(grant.role().principal());
        });
        assertThat(acls.grants()).filteredOn(g -> g.patternType() == PatternType.PREFIXED)
                .allSatisfy(g -> assertThat(g.name()).as(g.toString()).endsWith("-").hasSizeGreaterThan(10));
    }

    @Test
    void labelingOwnsItsInternalTopicsGroupAndTransactionalIdsByApplicationIdPrefix() {
        ServiceRole labeling = ServiceRole.LABELING;
        String changelog = "clipstream-labeling-batcher-store-changelog";
        for (AclOperation op : Set.of(AclOperation.CREATE, AclOperation.READ, AclOperation.WRITE,
                AclOperation.DESCRIBE, AclOperation.DESCRIBE_CONFIGS, AclOperation.DELETE)) {
            assertThat(acls.allowsTopic(labeling, changelog, op)).as(op.toString()).isTrue();
        }
        assertThat(acls.allows(labeling, ResourceType.GROUP, "clipstream-labeling", AclOperation.READ)).isTrue();
        assertThat(acls.allows(labeling, ResourceType.GROUP, "clipstream-dispatch", AclOperation.READ)).isFalse();
        assertThat(acls.allows(labeling, ResourceType.TRANSACTIONAL_ID,
                "clipstream-labeling-0b6c8f5e-6a37-4c2b-9a0a-1d2b3c4d5e6f-1", AclOperation.WRITE)).isTrue();
        assertThat(acls.allows(labeling, ResourceType.TRANSACTIONAL_ID, "clipstream-dispatch", AclOperation.WRITE))
                .isFalse();
        // Another app's internal topics are not labeling's.
        assertThat(acls.allowsTopic(labeling, "clipstream-labelingx-store-changelog", AclOperation.READ)).isFalse();
    }

    @Test
    void dispatchCommitsOffsetsOfItsOwnGroupInItsOwnTransactionOnly() {
        assertThat(acls.allows(ServiceRole.DISPATCH, ResourceType.GROUP, "clipstream-dispatch", AclOperation.READ))
                .isTrue();
        assertThat(acls.allows(ServiceRole.DISPATCH, ResourceType.TRANSACTIONAL_ID, "clipstream-dispatch",
                AclOperation.WRITE)).isTrue();
        assertThat(acls.allows(ServiceRole.DISPATCH, ResourceType.TRANSACTIONAL_ID, "clipstream-dispatch-2",
                AclOperation.WRITE)).isFalse();
        assertThat(acls.allows(ServiceRole.DISPATCH, ResourceType.GROUP, "clipstream-labeling", AclOperation.READ))
                .isFalse();
    }

    @Test
    void lagOnlyDescribesThePipelineGroups() {
        assertThat(acls.allows(ServiceRole.LAG, ResourceType.GROUP, "clipstream-dispatch", AclOperation.DESCRIBE))
                .isTrue();
        assertThat(acls.allows(ServiceRole.LAG, ResourceType.GROUP, "clipstream-dispatch", AclOperation.READ))
                .isFalse();
    }

    @Test
    void serviceIdsChangeTheDerivedResources() {
        KafkaAcls custom = KafkaAcls.of(catalog, new KafkaAcls.ServiceIds("labeling-b", "dispatch-b", "dispatch-tx",
                "replay-tx-", Set.of("dispatch-b")));
        assertThat(custom.allows(ServiceRole.LABELING, ResourceType.GROUP, "labeling-b", AclOperation.READ)).isTrue();
        assertThat(custom.allowsTopic(ServiceRole.LABELING, "labeling-b-x-changelog", AclOperation.CREATE)).isTrue();
        assertThat(custom.allows(ServiceRole.DISPATCH, ResourceType.TRANSACTIONAL_ID, "dispatch-tx",
                AclOperation.WRITE)).isTrue();
        assertThat(custom.allows(ServiceRole.LABELING, ResourceType.GROUP, "clipstream-labeling", AclOperation.READ))
                .isFalse();
    }

    @Test
    void markdownTableHasOneRowPerPrincipalAndResource() {
        String table = acls.toMarkdownTable();
        for (ServiceRole role : ServiceRole.values()) {
            assertThat(table).contains("`" + role.principal() + "`");
        }
        assertThat(table).contains("| `User:clipstream-ingest` | Topic `clips.uploaded` | WRITE, READ |");
        long rows = table.lines().count() - 2;
        long distinct = acls.grants().stream().map(g -> g.role() + g.resourceText()).distinct().count();
        assertThat(rows).isEqualTo(distinct);
    }

    @Test
    void principalsAreDistinctAndResolvable() {
        Set<String> principals = new TreeSet<>();
        for (ServiceRole role : ServiceRole.values()) {
            assertThat(principals.add(role.principal())).isTrue();
            assertThat(ServiceRole.ofPrincipal(role.principal())).contains(role);
        }
        assertThat(ServiceRole.ofPrincipal("User:admin")).isEmpty();
    }

    private Set<String> catalogTopicsWhere(ServiceRole role, AclOperation operation) {
        return catalog.all().stream().map(TopicSpec::name)
                .filter(topic -> acls.allowsTopic(role, topic, operation))
                .collect(Collectors.toCollection(TreeSet::new));
    }
}
