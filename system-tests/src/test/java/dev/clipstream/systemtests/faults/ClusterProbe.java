package dev.clipstream.systemtests.faults;

import dev.clipstream.lag.compute.ClusterReader;
import dev.clipstream.lag.compute.ClusterState;
import dev.clipstream.lag.compute.LagCalculator;
import dev.clipstream.lag.compute.PipelineUnits;
import dev.clipstream.lag.compute.RecordProbe;
import dev.clipstream.lag.model.GroupLag;
import dev.clipstream.lag.monitor.PipelineGroups;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * What the fault scenarios read from the cluster and the services: whole topics read_committed, consumer lag (through
 * the lag module, which skips transaction markers and aborted records), group membership, and HTTP health.
 */
final class ClusterProbe implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String bootstrapServers;
    private final Admin admin;
    private final RecordProbe recordProbe;

    ClusterProbe(String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10_000));
        this.recordProbe = new RecordProbe(bootstrapServers, Map.of(), PipelineUnits.none(), 10_000,
                Duration.ofSeconds(5));
    }

    Admin admin() {
        return admin;
    }

    /** Every record of {@code topic} up to its current end, read_committed (aborted and open transactions left out). */
    List<ConsumerRecord<byte[], byte[]>> readAll(String topic) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, IsolationLevel.READ_COMMITTED.toString(),
                ConsumerConfig.MAX_PARTITION_FETCH_BYTES_CONFIG, 2 * 1024 * 1024,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Could not read " + topic + " to its end " + end + " in 30 s");
                }
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
            return records;
        }
    }

    /**
     * Records the group has not consumed yet on the topics it is known to read (PipelineGroups), or -1 when the
     * lag cannot be told (no committed offset yet, an unreadable group).
     */
    long recordLag(String group) {
        GroupLag lag = groupLag(group);
        // A partition without a commit is only unknown lag if it holds records.
        boolean undefined = lag.error() != null || lag.partitions().isEmpty()
                || lag.partitions().stream().anyMatch(p -> p.committedOffset() == null
                && p.endOffset() > p.logStartOffset());
        return undefined ? -1 : lag.recordLag();
    }

    /** The lag module's view of one group, per partition (for assertion messages). */
    GroupLag groupLag(String group) {
        ClusterState state = new ClusterReader(admin, Duration.ofSeconds(10))
                .read(List.of(group), false, PipelineGroups.expectedTopics());
        return new LagCalculator(recordProbe, PipelineUnits.none()).calculate(state, System.currentTimeMillis())
                .get(0);
    }

    /** Member ids of a classic or streams group as the coordinator reports them ("" for none). */
    Set<String> memberIds(String group) {
        try {
            ConsumerGroupDescription description = admin.describeConsumerGroups(List.of(group)).describedGroups()
                    .get(group).get(10, TimeUnit.SECONDS);
            return description.members().stream().map(MemberDescription::consumerId).collect(Collectors.toSet());
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Cannot describe group " + group + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** HTTP status of GET {@code base}{@code path}, or -1 when nothing answers within 3 s. */
    static int httpStatus(URI base, String path) {
        try {
            return HTTP.send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(3)).GET().build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (java.io.IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    @Override
    public void close() {
        recordProbe.close();
        admin.close(Duration.ofSeconds(5));
    }
}
