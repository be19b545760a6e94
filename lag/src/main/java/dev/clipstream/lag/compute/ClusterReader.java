package dev.clipstream.lag.compute;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ClassicGroupDescription;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.DescribeClassicGroupsOptions;
import org.apache.kafka.clients.admin.DescribeConsumerGroupsOptions;
import org.apache.kafka.clients.admin.DescribeStreamsGroupsOptions;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsOptions;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsResult;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.ListStreamsGroupOffsetsOptions;
import org.apache.kafka.clients.admin.ListStreamsGroupOffsetsResult;
import org.apache.kafka.clients.admin.ListStreamsGroupOffsetsSpec;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.StreamsGroupDescription;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.GroupType;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads groups, committed offsets and log ranges with a fixed number of batched Admin calls per evaluation, however
 * many groups and partitions are watched: listGroups, one describe per group type, one offset fetch per group type,
 * describeTopics for expected topics, and two listOffsets (earliest; latest with READ_COMMITTED = last stable offset).
 * It never joins a group.
 */
public final class ClusterReader {

    private final Admin admin;
    private final Duration timeout;

    public ClusterReader(Admin admin, Duration timeout) {
        this.admin = admin;
        this.timeout = timeout;
    }

    /**
     * @param watched        groups to report, in order
     * @param allGroups      also report every consumer and streams group the cluster lists
     * @param expectedTopics per group, topics it is known to consume even where it has no commit yet
     * @throws ClusterUnreadableException when even the group listing fails (every group is then ERROR)
     */
    public ClusterState read(Collection<String> watched, boolean allGroups, Map<String, Set<String>> expectedTopics) {
        Map<String, GroupListing> listings = listGroups();
        Set<String> groups = new LinkedHashSet<>(watched);
        if (allGroups) {
            listings.values().stream()
                    .filter(l -> l.type().map(t -> t != GroupType.SHARE).orElse(true))
                    .map(GroupListing::groupId).sorted().forEach(groups::add);
        }

        Map<String, GroupType> types = new LinkedHashMap<>();
        for (String group : groups) {
            GroupListing listing = listings.get(group);
            types.put(group, listing == null ? GroupType.UNKNOWN : listing.type().orElse(GroupType.CLASSIC));
        }
        Map<String, Members> members = describe(types);
        Map<String, Object> committed = committedOffsets(types);
        Map<String, Set<TopicPartition>> expected = expectedPartitions(groups, expectedTopics);

        Map<String, GroupOffsets> result = new LinkedHashMap<>();
        Map<String, Set<TopicPartition>> partitions = new LinkedHashMap<>();
        Set<TopicPartition> all = new HashSet<>();
        for (String group : groups) {
            GroupListing listing = listings.get(group);
            Members m = members.getOrDefault(group, Members.NONE);
            Object offsets = committed.get(group);
            String error = offsets instanceof String s ? s : m.error;
            @SuppressWarnings("unchecked")
            Map<TopicPartition, Long> commits = offsets instanceof Map<?, ?> map
                    ? (Map<TopicPartition, Long>) map : Map.of();
            String state = listing == null ? "NOT_FOUND"
                    : listing.groupState().map(Enum::name).orElse(m.state != null ? m.state : "UNKNOWN");
            result.put(group, new GroupOffsets(group, types.get(group).name(), state, m.count, m.owners, commits,
                    error));
            Set<TopicPartition> reported = new TreeSet<>(ClusterReader::compare);
            reported.addAll(commits.keySet());
            reported.addAll(m.owners.keySet());
            reported.addAll(expected.getOrDefault(group, Set.of()));
            partitions.put(group, reported);
            all.addAll(reported);
        }

        Map<TopicPartition, LogOffsets> logs = new HashMap<>();
        Map<TopicPartition, String> logErrors = new HashMap<>();
        readLogs(all, logs, logErrors);
        return new ClusterState(result, partitions, logs, logErrors);
    }

    private Map<String, GroupListing> listGroups() {
        try {
            Map<String, GroupListing> listings = new HashMap<>();
            for (GroupListing listing : await(admin.listGroups(new ListGroupsOptions().timeoutMs(timeoutMs())).all())) {
                listings.put(listing.groupId(), listing);
            }
            return listings;
        } catch (RuntimeException e) {
            throw new ClusterUnreadableException("cannot list the cluster's groups: " + message(e), e);
        }
    }

    private record Members(int count, Map<TopicPartition, String> owners, String state, String error) {
        static final Members NONE = new Members(0, Map.of(), null, null);
    }

    private Map<String, Members> describe(Map<String, GroupType> types) {
        List<String> consumerGroups = new ArrayList<>();
        List<String> streamsGroups = new ArrayList<>();
        types.forEach((group, type) -> {
            if (type == GroupType.STREAMS) {
                streamsGroups.add(group);
            } else if (type == GroupType.CLASSIC || type == GroupType.CONSUMER) {
                consumerGroups.add(group);
            }
        });
        Map<String, Members> members = new HashMap<>();
        if (!consumerGroups.isEmpty()) {
            Map<String, KafkaFuture<ConsumerGroupDescription>> futures = admin.describeConsumerGroups(consumerGroups,
                    new DescribeConsumerGroupsOptions().timeoutMs(timeoutMs())).describedGroups();
            List<String> notConsumerProtocol = new ArrayList<>();
            futures.forEach((group, future) -> {
                try {
                    ConsumerGroupDescription d = await(future);
                    members.put(group, new Members(d.members().size(), owners(d.members()), d.groupState().name(),
                            null));
                } catch (RuntimeException e) {
                    notConsumerProtocol.add(group);
                }
            });
            // A classic group of another protocol (Connect, ...) is not a consumer group to describeConsumerGroups.
            if (!notConsumerProtocol.isEmpty()) {
                admin.describeClassicGroups(notConsumerProtocol,
                        new DescribeClassicGroupsOptions().timeoutMs(timeoutMs())).describedGroups()
                        .forEach((group, future) -> {
                            try {
                                ClassicGroupDescription d = await(future);
                                members.put(group, new Members(d.members().size(), Map.of(), d.state().name(), null));
                            } catch (RuntimeException e) {
                                members.put(group, new Members(0, Map.of(), null,
                                        "cannot describe the group: " + message(e)));
                            }
                        });
            }
        }
        if (!streamsGroups.isEmpty()) {
            admin.describeStreamsGroups(streamsGroups, new DescribeStreamsGroupsOptions().timeoutMs(timeoutMs()))
                    .describedGroups().forEach((group, future) -> {
                        try {
                            StreamsGroupDescription d = await(future);
                            members.put(group, new Members(d.members().size(), Map.of(), d.groupState().name(),
                                    null));
                        } catch (RuntimeException e) {
                            members.put(group, new Members(0, Map.of(), null,
                                    "cannot describe the streams group: " + message(e)));
                        }
                    });
        }
        return members;
    }

    private static Map<TopicPartition, String> owners(Collection<MemberDescription> members) {
        Map<TopicPartition, String> owners = new HashMap<>();
        for (MemberDescription member : members) {
            for (TopicPartition tp : member.assignment().topicPartitions()) {
                owners.put(tp, member.clientId() + "@" + member.host());
            }
        }
        return owners;
    }

    /** group -> Map of committed offsets, or a String saying why they could not be read. */
    private Map<String, Object> committedOffsets(Map<String, GroupType> types) {
        Map<String, ListConsumerGroupOffsetsSpec> consumerSpecs = new LinkedHashMap<>();
        Map<String, ListStreamsGroupOffsetsSpec> streamsSpecs = new LinkedHashMap<>();
        types.forEach((group, type) -> {
            if (type == GroupType.STREAMS) {
                streamsSpecs.put(group, new ListStreamsGroupOffsetsSpec());
            } else {
                consumerSpecs.put(group, new ListConsumerGroupOffsetsSpec());
            }
        });
        Map<String, Object> committed = new HashMap<>();
        if (!consumerSpecs.isEmpty()) {
            ListConsumerGroupOffsetsResult result = admin.listConsumerGroupOffsets(consumerSpecs,
                    new ListConsumerGroupOffsetsOptions().timeoutMs(timeoutMs()));
            for (String group : consumerSpecs.keySet()) {
                committed.put(group, offsetsOrError(() -> result.partitionsToOffsetAndMetadata(group)));
            }
        }
        if (!streamsSpecs.isEmpty()) {
            ListStreamsGroupOffsetsResult result = admin.listStreamsGroupOffsets(streamsSpecs,
                    new ListStreamsGroupOffsetsOptions().timeoutMs(timeoutMs()));
            for (String group : streamsSpecs.keySet()) {
                committed.put(group, offsetsOrError(() -> result.partitionsToOffsetAndMetadata(group)));
            }
        }
        return committed;
    }

    private interface FutureSupplier {
        KafkaFuture<Map<TopicPartition, OffsetAndMetadata>> get();
    }

    private Object offsetsOrError(FutureSupplier future) {
        try {
            Map<TopicPartition, Long> offsets = new HashMap<>();
            await(future.get()).forEach((tp, om) -> {
                if (om != null && om.offset() >= 0) {
                    offsets.put(tp, om.offset());
                }
            });
            return offsets;
        } catch (RuntimeException e) {
            return "cannot read committed offsets: " + message(e);
        }
    }

    private Map<String, Set<TopicPartition>> expectedPartitions(Set<String> groups,
                                                                Map<String, Set<String>> expectedTopics) {
        Set<String> topics = new TreeSet<>();
        groups.forEach(g -> topics.addAll(expectedTopics.getOrDefault(g, Set.of())));
        if (topics.isEmpty()) {
            return Map.of();
        }
        Map<String, Integer> partitionCounts = new HashMap<>();
        admin.describeTopics(topics, new DescribeTopicsOptions().timeoutMs(timeoutMs())).topicNameValues()
                .forEach((topic, future) -> {
                    try {
                        TopicDescription d = await(future);
                        partitionCounts.put(topic, d.partitions().size());
                    } catch (RuntimeException e) {
                        // A pipeline topic that does not exist yet has nothing to lag behind.
                    }
                });
        Map<String, Set<TopicPartition>> expected = new HashMap<>();
        for (String group : groups) {
            Set<TopicPartition> set = new HashSet<>();
            for (String topic : expectedTopics.getOrDefault(group, Set.of())) {
                for (int p = 0; p < partitionCounts.getOrDefault(topic, 0); p++) {
                    set.add(new TopicPartition(topic, p));
                }
            }
            expected.put(group, set);
        }
        return expected;
    }

    private void readLogs(Set<TopicPartition> partitions, Map<TopicPartition, LogOffsets> logs,
                          Map<TopicPartition, String> errors) {
        if (partitions.isEmpty()) {
            return;
        }
        Map<TopicPartition, OffsetSpec> earliest = new HashMap<>();
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        for (TopicPartition tp : partitions) {
            earliest.put(tp, OffsetSpec.earliest());
            latest.put(tp, OffsetSpec.latest());
        }
        // READ_COMMITTED: "latest" is then the last stable offset, so records of open transactions and the commit
        // marker a transaction ends with are never counted as lag.
        ListOffsetsResult starts = admin.listOffsets(earliest,
                new ListOffsetsOptions(IsolationLevel.READ_COMMITTED).timeoutMs(timeoutMs()));
        ListOffsetsResult ends = admin.listOffsets(latest,
                new ListOffsetsOptions(IsolationLevel.READ_COMMITTED).timeoutMs(timeoutMs()));
        for (TopicPartition tp : partitions) {
            try {
                long start = await(starts.partitionResult(tp)).offset();
                long end = await(ends.partitionResult(tp)).offset();
                logs.put(tp, new LogOffsets(start, end));
            } catch (RuntimeException e) {
                errors.put(tp, "cannot read log offsets of " + tp + ": " + message(e));
            }
        }
    }

    private long timeoutMsLong() {
        return timeout.toMillis();
    }

    private int timeoutMs() {
        return (int) Math.min(Integer.MAX_VALUE, timeoutMsLong());
    }

    private <T> T await(KafkaFuture<T> future) {
        try {
            return future.get(timeoutMsLong() + 1000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException(message(e.getCause()), e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("timed out after " + timeout.toMillis() + " ms", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    static String message(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && (cause instanceof ExecutionException || cause.getMessage() == null
                || cause instanceof IllegalStateException && cause.getCause() != null)) {
            cause = cause.getCause();
        }
        String text = cause.getMessage();
        return cause.getClass().getSimpleName() + (text == null ? "" : ": " + text);
    }

    static int compare(TopicPartition a, TopicPartition b) {
        int byTopic = a.topic().compareTo(b.topic());
        return byTopic != 0 ? byTopic : Integer.compare(a.partition(), b.partition());
    }
}
