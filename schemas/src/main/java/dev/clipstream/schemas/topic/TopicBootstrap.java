package dev.clipstream.schemas.topic;

import dev.clipstream.schemas.serde.SchemaRegistryClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.CreateTopicsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.TopicPartitionInfo;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the catalog's topics when they are missing and verifies the ones that exist. Safe to run from many
 * processes at once: losing a creation race is fine, the winner's topic is verified like any other.
 */
public final class TopicBootstrap {

    private static final Logger LOG = LoggerFactory.getLogger(TopicBootstrap.class);

    private static final Duration METADATA_RETRY_BACKOFF = Duration.ofMillis(100);

    private final Admin admin;
    private final Duration timeout;

    /**
     * The result of {@link #ensureTopics}: which topics this call created, which already existed, and the config
     * values of existing topics that differ from the catalog without being a conflict (each logged as a WARN).
     */
    public record Result(List<String> created, List<String> alreadyPresent, List<ConfigDrift> drift) {

        public Result {
            created = List.copyOf(created);
            alreadyPresent = List.copyOf(alreadyPresent);
            drift = List.copyOf(drift);
        }

        public Result(List<String> created, List<String> alreadyPresent) {
            this(created, alreadyPresent, List.of());
        }
    }

    /** Existing topics' hard conflicts and soft config drift, found by one round of describe calls. */
    private record Verification(List<TopicConflict> conflicts, List<ConfigDrift> drift) {
    }

    public TopicBootstrap(Admin admin) {
        this(admin, Duration.ofSeconds(30));
    }

    public TopicBootstrap(Admin admin, Duration timeout) {
        this.admin = admin;
        this.timeout = timeout;
    }

    public Result ensureTopics(TopicCatalog catalog) {
        return ensureTopics(catalog.all());
    }

    /**
     * Creates missing topics and checks existing ones.
     *
     * @throws TopicConflictException listing every existing topic with fewer partitions, a lower replication
     *                                factor or another cleanup.policy than declared. Other declared configs that
     *                                differ (retention.ms, delete.retention.ms, min.insync.replicas, ...) are no
     *                                conflict: one WARN per topic, and {@link Result#drift()}.
     */
    public Result ensureTopics(Collection<? extends TopicSpec<?, ?>> topics) {
        Set<String> existing = await("list topics", admin.listTopics().names());
        List<String> created = new ArrayList<>();
        List<String> present = new ArrayList<>();
        List<TopicSpec<?, ?>> missing = new ArrayList<>();
        for (TopicSpec<?, ?> topic : topics) {
            if (existing.contains(topic.name())) {
                present.add(topic.name());
            } else {
                missing.add(topic);
            }
        }
        if (!missing.isEmpty()) {
            CreateTopicsResult result = admin.createTopics(missing.stream().map(TopicSpec::newTopic).toList());
            for (TopicSpec<?, ?> topic : missing) {
                try {
                    await("create topic '" + topic.name() + "'", result.values().get(topic.name()));
                    created.add(topic.name());
                    LOG.debug("Created topic '{}' ({} partitions, replication factor {}, {})", topic.name(),
                            topic.partitions(), topic.replicationFactor(), topic.configs());
                } catch (TopicBootstrapException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                    present.add(topic.name()); // another process won the race; verify it below
                }
            }
        }
        awaitWritable(created);
        Map<String, TopicSpec<?, ?>> toVerify = topics.stream()
                .filter(t -> present.contains(t.name()))
                .collect(Collectors.toMap(TopicSpec::name, Function.identity(), (a, b) -> a, LinkedHashMap::new));
        Verification verification = verify(toVerify);
        if (!verification.conflicts().isEmpty()) {
            throw new TopicConflictException(verification.conflicts());
        }
        logDrift(verification.drift());
        LOG.info("Topics ready: created {}, already present {}", created, present);
        return new Result(created, present, verification.drift());
    }

    private static void logDrift(List<ConfigDrift> drift) {
        Map<String, List<ConfigDrift>> byTopic = drift.stream()
                .collect(Collectors.groupingBy(ConfigDrift::topic, LinkedHashMap::new, Collectors.toList()));
        byTopic.forEach((topic, differences) -> LOG.warn("Topic '{}' differs from the topic catalog (left as it is;"
                + " change it with kafka-configs if the catalog is right): {}", topic,
                differences.stream().map(ConfigDrift::toString).collect(Collectors.joining("; "))));
    }

    private Verification verify(Map<String, TopicSpec<?, ?>> topics) {
        if (topics.isEmpty()) {
            return new Verification(List.of(), List.of());
        }
        Map<String, TopicDescription> descriptions = describeWhenVisible(topics.keySet());
        List<ConfigResource> resources = topics.keySet().stream()
                .map(name -> new ConfigResource(ConfigResource.Type.TOPIC, name)).toList();
        Map<ConfigResource, Config> configs = await("describe topic configs", admin.describeConfigs(resources).all());
        List<TopicConflict> conflicts = new ArrayList<>();
        List<ConfigDrift> drift = new ArrayList<>();
        for (TopicSpec<?, ?> spec : topics.values()) {
            TopicDescription description = descriptions.get(spec.name());
            int partitions = description.partitions().size();
            if (partitions < spec.partitions()) {
                conflicts.add(new TopicConflict(spec.name(), "partition count", Integer.toString(spec.partitions()),
                        Integer.toString(partitions)));
            }
            int replicas = description.partitions().stream()
                    .mapToInt((TopicPartitionInfo p) -> p.replicas().size()).min().orElse(0);
            if (replicas < spec.replicationFactor()) {
                conflicts.add(new TopicConflict(spec.name(), "replication factor",
                        Short.toString(spec.replicationFactor()), Integer.toString(replicas)));
            }
            Config actualConfig = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, spec.name()));
            ConfigEntry policy = actualConfig.get(TopicConfig.CLEANUP_POLICY_CONFIG);
            String actualPolicy = policy == null ? TopicConfig.CLEANUP_POLICY_DELETE : policy.value();
            if (!policySet(actualPolicy).equals(policySet(spec.cleanupPolicy()))) {
                conflicts.add(new TopicConflict(spec.name(), TopicConfig.CLEANUP_POLICY_CONFIG, spec.cleanupPolicy(),
                        actualPolicy));
            }
            drift.addAll(drift(spec, actualConfig));
        }
        return new Verification(conflicts, drift);
    }

    /** Every declared config except cleanup.policy (a conflict, checked above) whose actual value differs. */
    private static List<ConfigDrift> drift(TopicSpec<?, ?> spec, Config actual) {
        List<ConfigDrift> drift = new ArrayList<>();
        spec.configs().entrySet().stream()
                .filter(e -> !e.getKey().equals(TopicConfig.CLEANUP_POLICY_CONFIG))
                .sorted(Map.Entry.comparingByKey())
                .forEach(e -> {
                    ConfigEntry entry = actual.get(e.getKey());
                    String value = entry == null ? null : entry.value();
                    if (!e.getValue().equals(value)) {
                        drift.add(new ConfigDrift(spec.name(), e.getKey(), e.getValue(),
                                value == null ? "unset" : value));
                    }
                });
        return drift;
    }

    /**
     * Waits until every partition of {@code topics} has a leader that serves it. createTopics returns once the
     * controller committed a topic, which can be before the brokers serve its partitions; a producer that starts
     * then gets NOT_LEADER_OR_FOLLOWER, and an idempotent one can stall on sequence-number retries until its
     * delivery timeout. Leaders in the metadata first (ListOffsets on a topic a broker does not know logs an
     * ERROR), then ListOffsets, which each partition's leader answers.
     */
    public void awaitWritable(Collection<String> topics) {
        if (topics.isEmpty()) {
            return;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        while (latest.isEmpty()) {
            Map<String, TopicDescription> descriptions = describeWhenVisible(Set.copyOf(topics));
            boolean allLed = descriptions.values().stream()
                    .flatMap(description -> description.partitions().stream())
                    .allMatch(partition -> partition.leader() != null);
            if (allLed) {
                descriptions.forEach((name, description) -> description.partitions().forEach(partition ->
                        latest.put(new TopicPartition(name, partition.partition()), OffsetSpec.latest())));
            } else if (System.nanoTime() > deadline) {
                throw new TopicBootstrapException("Topics " + topics + " still have partitions without a leader after "
                        + timeout, null);
            } else {
                pause();
            }
        }
        while (true) {
            try {
                await("list offsets of " + topics, admin.listOffsets(latest).all());
                return;
            } catch (TopicBootstrapException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                LOG.debug("Topics {} not served yet, retrying: {}", topics, e.getMessage());
                pause();
            }
        }
    }

    /**
     * Describes topics, waiting while a just-created topic is not yet in the broker's metadata (creation is
     * acknowledged by the controller before every broker can describe the topic).
     */
    private Map<String, TopicDescription> describeWhenVisible(Set<String> names) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                return await("describe topics " + names, admin.describeTopics(names).allTopicNames());
            } catch (TopicBootstrapException e) {
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException) || System.nanoTime() > deadline) {
                    throw e;
                }
                LOG.debug("Topics {} not visible yet, retrying: {}", names, e.getCause().getMessage());
                pause();
            }
        }
    }

    private static void pause() {
        try {
            Thread.sleep(METADATA_RETRY_BACKOFF.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TopicBootstrapException("Interrupted while waiting for topic metadata", e);
        }
    }

    private static Set<String> policySet(String policy) {
        return Arrays.stream(policy.split(",")).map(String::strip).filter(p -> !p.isEmpty())
                .collect(Collectors.toCollection(TreeSet::new));
    }

    /** Registers every Avro key and value schema of the catalog under its TopicNameStrategy subject. */
    public static Map<String, Integer> registerSchemas(TopicCatalog catalog) {
        return registerSchemas(catalog.all(), catalog.registry());
    }

    /**
     * Registers every Avro key and value schema of {@code topics} with {@code registry}.
     *
     * @return schema id by subject, in catalog order
     */
    public static Map<String, Integer> registerSchemas(Collection<? extends TopicSpec<?, ?>> topics,
                                                       SchemaRegistryClient registry) {
        Map<String, Integer> ids = new LinkedHashMap<>();
        for (TopicSpec<?, ?> topic : topics) {
            topic.keySchema().ifPresent(schema -> ids.put(topic.keySubject(), register(registry, topic.keySubject(), schema)));
            topic.valueSchema().ifPresent(schema -> ids.put(topic.valueSubject(), register(registry, topic.valueSubject(), schema)));
        }
        LOG.info("Schemas registered, id by subject: {}", ids);
        return ids;
    }

    private static int register(SchemaRegistryClient registry, String subject, Schema schema) {
        int id = registry.register(subject, schema);
        LOG.debug("Schema {} registered under subject '{}' with id {}", schema.getFullName(), subject, id);
        return id;
    }

    private <T> T await(String what, KafkaFuture<T> future) {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new TopicBootstrapException("Topic bootstrap could not " + what + ": " + e.getCause().getMessage(),
                    e.getCause());
        } catch (TimeoutException e) {
            throw new TopicBootstrapException("Topic bootstrap could not " + what + " within " + timeout, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TopicBootstrapException("Interrupted while trying to " + what, e);
        }
    }
}
