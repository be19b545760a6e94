package dev.clipstream.schemas.acl;

import dev.clipstream.schemas.topic.TopicCatalog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclBindingFilter;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourceType;

/**
 * The least-privilege ACLs of every {@link ServiceRole}, derived once from the topic catalog and the services'
 * consumer groups, Streams application id and transactional ids. Everything not granted here is denied (the
 * broker runs with {@code allow.everyone.if.no.acl.found=false}).
 *
 * <p>Notes on what is deliberately absent: no {@code IDEMPOTENT_WRITE} on the cluster (since Kafka 3.0, KIP-679,
 * WRITE on a topic is enough for an idempotent producer), no CREATE on catalog topics (the operator creates them
 * with {@code TopicBootstrap} as admin), no DESCRIBE on the cluster, no wildcard resources.
 */
public final class KafkaAcls {

    private final List<AclGrant> grants;

    private KafkaAcls(List<AclGrant> grants) {
        this.grants = List.copyOf(grants);
    }

    /**
     * The ids the services use besides topic names; the defaults are those of the services' configuration
     * (labeling's application.id, dispatch.group-id, dispatch.transactional-id, replay's transactional ids).
     */
    public record ServiceIds(String labelingApplicationId, String dispatchGroupId, String dispatchTransactionalId,
                             String replayTransactionalIdPrefix, Set<String> lagGroups) {

        public ServiceIds {
            Objects.requireNonNull(labelingApplicationId, "labelingApplicationId");
            Objects.requireNonNull(dispatchGroupId, "dispatchGroupId");
            Objects.requireNonNull(dispatchTransactionalId, "dispatchTransactionalId");
            Objects.requireNonNull(replayTransactionalIdPrefix, "replayTransactionalIdPrefix");
            // Insertion order, so that the table and apply() are the same on every run.
            lagGroups = java.util.Collections.unmodifiableSet(new LinkedHashSet<>(lagGroups));
        }

        public static ServiceIds defaults() {
            return new ServiceIds("clipstream-labeling", "clipstream-dispatch", "clipstream-dispatch",
                    "clipstream-replay-", new LinkedHashSet<>(List.of("clipstream-labeling", "clipstream-dispatch")));
        }
    }

    public static KafkaAcls of(TopicCatalog catalog) {
        return of(catalog, ServiceIds.defaults());
    }

    public static KafkaAcls of(TopicCatalog catalog, ServiceIds ids) {
        List<AclGrant> grants = new ArrayList<>();
        Builder b = new Builder(grants);

        // ingest: publishes accepted clips (idempotent, acks=all); reads the same topic group-less to rebuild
        // its accepted-clip index at start.
        b.topic(ServiceRole.INGEST, catalog.clipsUploaded().name(), AclOperation.WRITE, AclOperation.READ);

        // labeling: a Kafka Streams app with exactly_once_v2.
        String app = ids.labelingApplicationId();
        b.topic(ServiceRole.LABELING, catalog.clipsUploaded().name(), AclOperation.READ);
        b.topic(ServiceRole.LABELING, catalog.campaigns().name(), AclOperation.READ); // global table, group-less
        for (String output : List.of(catalog.clipsLabeled().name(), catalog.clipsReview().name(),
                catalog.clipsRejected().name(), catalog.trainingBatches().name(), catalog.deadLetter().name())) {
            b.topic(ServiceRole.LABELING, output, AclOperation.WRITE);
        }
        // Its changelog and repartition topics are named '<application.id>-...'; Streams creates them, checks
        // their configs, and purges consumed repartition records (DeleteRecords = DELETE).
        b.prefixedTopic(ServiceRole.LABELING, app + "-", AclOperation.CREATE, AclOperation.READ,
                AclOperation.WRITE, AclOperation.DELETE, AclOperation.DESCRIBE_CONFIGS);
        b.group(ServiceRole.LABELING, app, PatternType.LITERAL, AclOperation.READ);
        // exactly_once_v2 transactional ids: '<application.id>-<process id>-<thread index>'.
        b.transactionalId(ServiceRole.LABELING, app + "-", PatternType.PREFIXED);

        // dispatch: consumes batches in its group, writes events (and dead letters) in a transaction together
        // with the consumed offsets, and re-reads its events group-less to rebuild its state.
        b.topic(ServiceRole.DISPATCH, catalog.trainingBatches().name(), AclOperation.READ);
        b.topic(ServiceRole.DISPATCH, catalog.dispatchEvents().name(), AclOperation.READ, AclOperation.WRITE);
        b.topic(ServiceRole.DISPATCH, catalog.deadLetter().name(), AclOperation.WRITE);
        b.group(ServiceRole.DISPATCH, ids.dispatchGroupId(), PatternType.LITERAL, AclOperation.READ);
        b.transactionalId(ServiceRole.DISPATCH, ids.dispatchTransactionalId(), PatternType.LITERAL);

        // backends: publish their status (compacted topic).
        b.topic(ServiceRole.BACKENDS, catalog.backendStatus().name(), AclOperation.WRITE);

        // lag: describes the pipeline's groups and their offsets, reads end offsets and probes pipeline units in
        // the records of the topics those groups consume.
        for (String group : ids.lagGroups()) {
            b.group(ServiceRole.LAG, group, PatternType.LITERAL, AclOperation.DESCRIBE);
        }
        b.topic(ServiceRole.LAG, catalog.clipsUploaded().name(), AclOperation.READ);
        b.topic(ServiceRole.LAG, catalog.trainingBatches().name(), AclOperation.READ);

        // replay: scans training.batches, writes replayed batches transactionally (one transactional id per
        // manifest) and dataset manifests (idempotent).
        b.topic(ServiceRole.REPLAY, catalog.trainingBatches().name(), AclOperation.READ, AclOperation.WRITE);
        b.topic(ServiceRole.REPLAY, catalog.datasets().name(), AclOperation.READ, AclOperation.WRITE);
        b.transactionalId(ServiceRole.REPLAY, ids.replayTransactionalIdPrefix(), PatternType.PREFIXED);
        return new KafkaAcls(grants);
    }

    /** Every grant, grouped by role in {@link ServiceRole} order. */
    public List<AclGrant> grants() {
        return grants;
    }

    public List<AclGrant> grants(ServiceRole role) {
        return grants.stream().filter(g -> g.role() == role).toList();
    }

    public List<AclBinding> bindings() {
        return grants.stream().map(AclGrant::toBinding).toList();
    }

    public Set<ServiceRole> roles() {
        Set<ServiceRole> roles = EnumSet.noneOf(ServiceRole.class);
        grants.forEach(g -> roles.add(g.role()));
        return roles;
    }

    /**
     * Whether {@code role} may do {@code operation} on the topic {@code topic}, as the broker's authorizer
     * decides from these grants: a literal or prefix match, and READ/WRITE/DELETE/ALTER imply DESCRIBE.
     */
    public boolean allowsTopic(ServiceRole role, String topic, AclOperation operation) {
        return allows(role, ResourceType.TOPIC, topic, operation);
    }

    public boolean allows(ServiceRole role, ResourceType type, String name, AclOperation operation) {
        return grants(role).stream().filter(g -> g.resourceType() == type)
                .filter(g -> g.patternType() == PatternType.PREFIXED ? name.startsWith(g.name()) : name.equals(g.name()))
                .anyMatch(g -> g.operation() == operation || (operation == AclOperation.DESCRIBE
                        && IMPLY_DESCRIBE.contains(g.operation())));
    }

    private static final Set<AclOperation> IMPLY_DESCRIBE = EnumSet.of(AclOperation.READ, AclOperation.WRITE,
            AclOperation.DELETE, AclOperation.ALTER);

    /** The grants as a Markdown table: principal | resource | operations. */
    public String toMarkdownTable() {
        StringBuilder table = new StringBuilder("| principal | resource | operations |\n|---|---|---|\n");
        grants.stream().map(g -> g.role().principal() + "\u0000" + g.resourceText()).distinct().forEach(key -> {
            String[] parts = key.split("\u0000");
            List<String> operations = grants.stream()
                    .filter(g -> g.role().principal().equals(parts[0]) && g.resourceText().equals(parts[1]))
                    .map(g -> g.operation().name()).toList();
            table.append("| `").append(parts[0]).append("` | ").append(parts[1]).append(" | ")
                    .append(String.join(", ", operations)).append(" |\n");
        });
        return table.toString();
    }

    /** What {@link #apply} changed. */
    public record ApplyResult(List<AclBinding> created, List<AclBinding> deleted) {
    }

    /**
     * Makes the cluster's ACLs of the role principals exactly these grants: creates the missing bindings and
     * deletes any other binding of a role principal (a grant removed from the code, or one added by hand). ACLs of
     * other principals are left alone. Needs a super user (or ALTER on the cluster).
     */
    public ApplyResult apply(Admin admin, Duration timeout) {
        try {
            Collection<AclBinding> existing = admin.describeAcls(AclBindingFilter.ANY).values()
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            Set<AclBinding> wanted = new LinkedHashSet<>(bindings());
            List<AclBinding> stale = existing.stream()
                    .filter(binding -> ServiceRole.ofPrincipal(binding.entry().principal()).isPresent())
                    .filter(binding -> !wanted.contains(binding)).toList();
            Set<AclBinding> present = new HashSet<>(existing);
            List<AclBinding> missing = wanted.stream().filter(binding -> !present.contains(binding)).toList();
            if (!stale.isEmpty()) {
                admin.deleteAcls(stale.stream().map(AclBinding::toFilter).toList()).all()
                        .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            }
            if (!missing.isEmpty()) {
                admin.createAcls(missing).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            }
            return new ApplyResult(missing, stale);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Applying the Clipstream ACLs failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("Applying the Clipstream ACLs took longer than " + timeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while applying the Clipstream ACLs", e);
        }
    }

    private record Builder(List<AclGrant> grants) {

        void topic(ServiceRole role, String topic, AclOperation... operations) {
            for (AclOperation operation : operations) {
                grants.add(new AclGrant(role, ResourceType.TOPIC, topic, PatternType.LITERAL, operation));
            }
        }

        void prefixedTopic(ServiceRole role, String prefix, AclOperation... operations) {
            for (AclOperation operation : operations) {
                grants.add(new AclGrant(role, ResourceType.TOPIC, prefix, PatternType.PREFIXED, operation));
            }
        }

        void group(ServiceRole role, String group, PatternType pattern, AclOperation operation) {
            grants.add(new AclGrant(role, ResourceType.GROUP, group, pattern, operation));
        }

        /** WRITE on a transactional id implies DESCRIBE, which InitProducerId and FindCoordinator need. */
        void transactionalId(ServiceRole role, String id, PatternType pattern) {
            grants.add(new AclGrant(role, ResourceType.TRANSACTIONAL_ID, id, pattern, AclOperation.WRITE));
        }
    }
}
