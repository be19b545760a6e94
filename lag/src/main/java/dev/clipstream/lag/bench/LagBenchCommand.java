package dev.clipstream.lag.bench;

import dev.clipstream.devstack.kafka.EmbeddedKafkaBroker;
import dev.clipstream.devstack.process.WorkDirs;
import dev.clipstream.lag.compute.PipelineUnits;
import dev.clipstream.lag.model.LagSnapshot;
import dev.clipstream.lag.monitor.LagEngine;
import dev.clipstream.lag.monitor.LagSettings;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code clipstream bench lag}: what one full lag evaluation costs on a cluster with many groups and partitions,
 * next to Kafka's own {@code kafka-consumer-groups --describe --all-groups} on the same cluster state. Wall time and
 * CPU time of this JVM (the broker runs in a child JVM, so its CPU is not counted) per evaluation; medians.
 */
@Command(
        name = "lag",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
                "Lag-monitor cost: GROUPS groups with committed offsets on TOPICS x PARTITIONS partitions, every "
                        + "partition behind; times a cold evaluation (reads every oldest unconsumed record), warm "
                        + "evaluations (nothing moved), moving evaluations (every group committed one more record) "
                        + "and ConsumerGroupCommand --describe --all-groups on the same state.",
                "Starts its own broker (child JVM) unless --bootstrap-server is given."})
public final class LagBenchCommand implements Callable<Integer> {

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--groups", paramLabel = "G", defaultValue = "50", description = "Consumer groups (default ${DEFAULT-VALUE}).")
    int groups;

    @Option(names = "--topics", paramLabel = "T", defaultValue = "5", description = "Topics (default ${DEFAULT-VALUE}).")
    int topics;

    @Option(names = "--partitions", paramLabel = "P", defaultValue = "12",
            description = "Partitions per topic (default ${DEFAULT-VALUE}; 5 x 12 = 60 partitions).")
    int partitions;

    @Option(names = "--records", paramLabel = "N", defaultValue = "50",
            description = "Records per partition (default ${DEFAULT-VALUE}).")
    int records;

    @Option(names = "--rounds", paramLabel = "R", defaultValue = "5", description = "Timed rounds of each kind (default ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--bootstrap-server", paramLabel = "HOST:PORT", description = "Use this cluster instead of a fresh broker.")
    String bootstrapServer;

    /** One timing: wall and CPU milliseconds. */
    record Cost(double wallMillis, double cpuMillis) {
    }

    @Override
    public Integer call() {
        if (groups < 1 || topics < 1 || partitions < 1 || records < 2 || rounds < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--groups, --topics, --partitions and --rounds must be >= 1 and --records >= 2");
        }
        PrintWriter out = spec.commandLine().getOut();
        if (bootstrapServer != null) {
            run(bootstrapServer, out);
            return 0;
        }
        Path dir = tempDir();
        out.println("Starting a broker (child JVM) in " + dir + " ...");
        out.flush();
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(dir)) {
            run(broker.bootstrapServers(), out);
        } finally {
            WorkDirs.deleteRecursively(dir);
        }
        return 0;
    }

    private void run(String bootstrap, PrintWriter out) {
        String prefix = "lagbench-" + Long.toString(System.nanoTime(), 36);
        List<String> groupNames = new ArrayList<>();
        for (int g = 0; g < groups; g++) {
            groupNames.add(prefix + "-group-" + g);
        }
        Map<String, Map<TopicPartition, Long>> committed = new HashMap<>();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            List<TopicPartition> all = createAndFill(admin, bootstrap, prefix);
            Random random = new Random(42);
            for (String group : groupNames) {
                Map<TopicPartition, Long> offsets = new HashMap<>();
                // Committed somewhere in the first half: every group-partition lags and has a record to probe.
                all.forEach(tp -> offsets.put(tp, (long) random.nextInt(records / 2)));
                committed.put(group, offsets);
                commit(admin, group, offsets);
            }
            out.printf("Cluster: %d groups x %d partitions (%d topics x %d) = %d group-partitions, %d records each%n",
                    groups, all.size(), topics, partitions, groups * all.size(), records);
            out.flush();

            LagSettings settings = LagSettings.defaults().withPipelineGroups(false).withGroups(groupNames)
                    .withWindow(3, 2).withProbeTimeout(java.time.Duration.ofSeconds(60));
            try (LagEngine engine = LagEngine.create(settings, bootstrap, Map.of(), PipelineUnits.none())) {
                Cost cold = time(engine::evaluate);
                long coldRead = engine.recordsRead();
                List<Cost> warm = new ArrayList<>();
                for (int r = 0; r < rounds; r++) {
                    warm.add(time(engine::evaluate));
                }
                long warmRead = engine.recordsRead() - coldRead;
                List<Cost> moving = new ArrayList<>();
                long beforeMoving = engine.recordsRead();
                for (int r = 0; r < rounds; r++) {
                    for (String group : groupNames) {
                        Map<TopicPartition, Long> offsets = committed.get(group);
                        offsets.replaceAll((tp, o) -> o + 1);
                        commit(admin, group, offsets);
                    }
                    moving.add(time(engine::evaluate));
                }
                long movingRead = engine.recordsRead() - beforeMoving;
                List<Cost> reference = new ArrayList<>();
                for (int r = 0; r < rounds; r++) {
                    reference.add(time(() -> ReferenceGroupCommand.describeAll(bootstrap)));
                }
                report(out, cold, coldRead, warm, warmRead, moving, movingRead, reference, all.size());
            }
        }
    }

    private void report(PrintWriter out, Cost cold, long coldRead, List<Cost> warm, long warmRead, List<Cost> moving,
                        long movingRead, List<Cost> reference, int partitionCount) {
        out.println();
        out.printf("| Evaluation (%d groups x %d partitions) | wall ms (median) | CPU ms of this JVM (median) | records fetched by the probe |%n",
                groups, partitionCount);
        out.println("|---|---:|---:|---:|");
        out.printf("| clipstream lag, cold (every oldest record read) | %.0f | %.0f | %d |%n", cold.wallMillis(),
                cold.cpuMillis(), coldRead);
        out.printf("| clipstream lag, warm (nothing moved; cache hits) | %.0f | %.0f | %d in %d rounds |%n",
                median(warm, true), median(warm, false), warmRead, rounds);
        out.printf("| clipstream lag, every group committed +1 | %.0f | %.0f | %d in %d rounds |%n",
                median(moving, true), median(moving, false), movingRead, rounds);
        out.printf("| kafka-consumer-groups --describe --all-groups (records only) | %.0f | %.0f | - |%n",
                median(reference, true), median(reference, false));
        out.flush();
    }

    private static double median(List<Cost> costs, boolean wall) {
        double[] values = costs.stream().mapToDouble(c -> wall ? c.wallMillis() : c.cpuMillis()).sorted().toArray();
        return values[values.length / 2];
    }

    private static Cost time(Supplier<?> action) {
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpu = os.getProcessCpuTime();
        long start = System.nanoTime();
        Object result = action.get();
        if (result instanceof LagSnapshot snapshot && snapshot.groups().isEmpty()) {
            throw new IllegalStateException("evaluation returned no groups");
        }
        return new Cost((System.nanoTime() - start) / 1e6, (os.getProcessCpuTime() - cpu) / 1e6);
    }

    private List<TopicPartition> createAndFill(Admin admin, String bootstrap, String prefix) {
        List<NewTopic> newTopics = new ArrayList<>();
        List<TopicPartition> all = new ArrayList<>();
        for (int t = 0; t < topics; t++) {
            String name = prefix + "-topic-" + t;
            newTopics.add(new NewTopic(name, partitions, (short) 1));
            for (int p = 0; p < partitions; p++) {
                all.add(new TopicPartition(name, p));
            }
        }
        await(() -> admin.createTopics(newTopics).all().get(60, TimeUnit.SECONDS));
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            byte[] value = new byte[200];
            long base = System.currentTimeMillis() - records * 1000L;
            for (TopicPartition tp : all) {
                for (int i = 0; i < records; i++) {
                    producer.send(new ProducerRecord<>(tp.topic(), tp.partition(), base + i * 1000L, null, value));
                }
            }
            producer.flush();
        }
        return all;
    }

    private static void commit(Admin admin, String group, Map<TopicPartition, Long> offsets) {
        Map<TopicPartition, OffsetAndMetadata> commits = new HashMap<>();
        offsets.forEach((tp, o) -> commits.put(tp, new OffsetAndMetadata(o)));
        await(() -> admin.alterConsumerGroupOffsets(group, commits).all().get(60, TimeUnit.SECONDS));
    }

    private interface Blocking {
        Object call() throws InterruptedException, ExecutionException, java.util.concurrent.TimeoutException;
    }

    private static void await(Blocking call) {
        try {
            call.call();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("Setting up the benchmark cluster failed: " + e.getMessage(), e);
        }
    }

    private static Path tempDir() {
        try {
            return Files.createTempDirectory("clipstream-lagbench-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Runs the benchmark without the clipstream launcher: {@code java -cp ... dev.clipstream.lag.bench.LagBenchCommand}. */
    public static void main(String[] args) {
        System.exit(new CommandLine(new LagBenchCommand()).execute(args));
    }
}
