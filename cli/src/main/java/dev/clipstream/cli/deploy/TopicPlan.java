package dev.clipstream.cli.deploy;

import dev.clipstream.schemas.topic.TopicCatalog;
import dev.clipstream.schemas.topic.TopicSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.TopicConfig;

/**
 * The topics {@code clipstream topics create} ensures: the catalog's topics, built with the requested replication
 * factor, and with min.insync.replicas overridden when one is given. Pure: no broker, no registry.
 */
public final class TopicPlan {

    private TopicPlan() {
    }

    /**
     * @param catalog           a catalog created with the wanted replication factor
     * @param minInsyncReplicas 0 keeps the catalog's choice; otherwise at most the replication factor
     */
    public static List<TopicSpec<?, ?>> of(TopicCatalog catalog, int minInsyncReplicas) {
        if (minInsyncReplicas > catalog.replicationFactor()) {
            throw new IllegalArgumentException("min.insync.replicas " + minInsyncReplicas + " is more than the "
                    + "replication factor " + catalog.replicationFactor() + ": no write with acks=all could succeed");
        }
        return catalog.all().stream().<TopicSpec<?, ?>>map(spec -> withMinIsr(spec, minInsyncReplicas)).toList();
    }

    /** The topic-level min.insync.replicas a spec sets, or "broker default". */
    public static String minInsyncReplicas(TopicSpec<?, ?> spec) {
        return spec.configs().getOrDefault(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, "broker default");
    }

    /** One line per topic, for --dry-run and the logs. */
    public static String describe(List<TopicSpec<?, ?>> plan) {
        StringBuilder text = new StringBuilder(String.format("%-24s %10s %12s %-8s %s%n", "TOPIC", "PARTITIONS",
                "REPLICATION", "CLEANUP", "MIN.INSYNC.REPLICAS"));
        for (TopicSpec<?, ?> spec : plan) {
            text.append(String.format("%-24s %10d %12d %-8s %s%n", spec.name(), spec.partitions(),
                    spec.replicationFactor(), spec.cleanupPolicy(), minInsyncReplicas(spec)));
        }
        return text.toString();
    }

    private static <K, V> TopicSpec<K, V> withMinIsr(TopicSpec<K, V> spec, int minInsyncReplicas) {
        if (minInsyncReplicas == 0) {
            return spec;
        }
        Map<String, String> configs = new LinkedHashMap<>(spec.configs());
        configs.put(TopicConfig.MIN_IN_SYNC_REPLICAS_CONFIG, Integer.toString(minInsyncReplicas));
        return new TopicSpec<>(spec.name(), spec.keyType(), spec.valueType(), spec.keySerde(), spec.valueSerde(),
                spec.partitions(), spec.replicationFactor(), configs, spec.description(), spec.producer(),
                spec.consumers());
    }
}
