package dev.clipstream.lag.compute;

import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;

/**
 * One consistent read of everything lag depends on, taken with a handful of batched Admin calls.
 *
 * @param groups     per watched group
 * @param partitions per group: every partition to report (committed, assigned or expected)
 * @param logs       log start and end per partition that could be read
 * @param logErrors  per partition whose offsets could not be read: why
 */
public record ClusterState(Map<String, GroupOffsets> groups, Map<String, Set<TopicPartition>> partitions,
                           Map<TopicPartition, LogOffsets> logs, Map<TopicPartition, String> logErrors) {
}
