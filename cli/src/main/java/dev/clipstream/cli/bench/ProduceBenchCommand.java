package dev.clipstream.cli.bench;

import dev.clipstream.cli.CommandFailedException;
import dev.clipstream.cli.DevstackCommand;
import dev.clipstream.cli.ManifestVersionProvider;
import dev.clipstream.devstack.DevStack;
import dev.clipstream.devstack.DevStackOptions;
import dev.clipstream.schemas.avro.ClipUploaded;
import dev.clipstream.schemas.serde.SerdeSettings;
import dev.clipstream.schemas.topic.TopicCatalog;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.utils.internals.AppInfoParser;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code clipstream bench produce}: producer throughput with Clipstream's Avro serde, relative to Kafka's own. */
@Command(
        name = "produce",
        mixinStandardHelpOptions = true,
        versionProvider = ManifestVersionProvider.class,
        sortOptions = false,
        description = {
                "Measure how fast a producer writes ClipUploaded events through Clipstream's Avro serde (Confluent "
                        + "wire format, schema registry), as a ratio to Kafka's own ProducerPerformance writing raw "
                        + "records of the same size, on the same broker, with the same producer settings.",
                "",
                "Each round runs the reference, then ours, each on a fresh topic. Records are generated before "
                        + "the clock starts; serialization is timed. Prints one line per run, then a table of "
                        + "every round, the medians and the median ratio (1.0 = as fast as raw bytes).",
                "",
                "Without --bootstrap-servers and --schema-registry-url an embedded devstack (Kafka broker and "
                        + "schema registry, child JVMs) is started for the run and removed afterwards."},
        footerHeading = "%nExamples:%n",
        footer = {
                "  # 5 rounds of 200000 records on an embedded devstack, result also as Markdown:",
                "  clipstream bench produce --output bench-produce.md",
                "  # Against a running stack, leader-only acks:",
                "  clipstream bench produce --bootstrap-servers localhost:9092 \\",
                "      --schema-registry-url http://localhost:8081 --acks 1"})
public final class ProduceBenchCommand implements Callable<Integer> {

    static final long SEED = 20261129L;

    @Spec
    CommandSpec spec;

    @Option(names = "--records", paramLabel = "N", defaultValue = "200000",
            description = "Records per run (default: ${DEFAULT-VALUE}).")
    int records;

    @Option(names = "--rounds", paramLabel = "R", defaultValue = "5",
            description = "Rounds of (reference run, our run); medians are taken over them (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--warmup-records", paramLabel = "N",
            description = "Records of one untimed run of each side before the first round, so that no round "
                    + "measures a cold JIT (ours, the reference's or the broker's); 0 = no warm-up "
                    + "(default: as many as --records).")
    Integer warmupRecords;

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT[,...]",
            description = "Kafka to measure against; needs --schema-registry-url. Default: an embedded devstack.")
    String bootstrapServers;

    @Option(names = "--schema-registry-url", paramLabel = "URL",
            description = "Confluent-compatible schema registry; needs --bootstrap-servers.")
    String schemaRegistryUrl;

    @Option(names = "--acks", paramLabel = "ACKS", defaultValue = "all",
            description = "Producer acks: all, 1 or 0; idempotence is on only with all (default: ${DEFAULT-VALUE}).")
    String acks;

    @Option(names = "--linger-ms", paramLabel = "MS", defaultValue = "5",
            description = "Producer linger.ms, both sides (default: ${DEFAULT-VALUE}, Kafka's default).")
    int lingerMs;

    @Option(names = "--batch-size", paramLabel = "BYTES", defaultValue = "16384",
            description = "Producer batch.size, both sides (default: ${DEFAULT-VALUE}, Kafka's default).")
    int batchSize;

    @Option(names = "--partitions", paramLabel = "P",
            description = "Partitions of each run's topic (default: those of clips.uploaded in the topic catalog).")
    Integer partitions;

    @Option(names = "--output", paramLabel = "FILE",
            description = "Also write the result as Markdown to FILE (overwritten).")
    Path output;

    @Override
    public Integer call() {
        ProducerSettings settings = validatedSettings();
        PrintWriter out = spec.commandLine().getOut();

        out.printf(Locale.ROOT, "Generating %d ClipUploaded records (seed %d)...%n", records, SEED);
        out.flush();
        List<ClipUploaded> generated = new ClipUploadedGenerator(SEED).next(records);
        EncodedSizes sizes = EncodedSizes.of(generated);
        out.printf(Locale.ROOT, "Encoded size on the wire: median %d B (min %d, max %d).%n",
                sizes.median(), sizes.min(), sizes.max());
        out.flush();

        if (bootstrapServers != null) {
            ProduceBenchReport report = measure(bootstrapServers, schemaRegistryUrl,
                    "given: Kafka " + bootstrapServers + ", registry " + schemaRegistryUrl,
                    generated, sizes, settings, out);
            finish(report, out);
            return CommandLine.ExitCode.OK;
        }
        out.println("Starting an embedded devstack (Kafka broker and schema registry) for this run...");
        out.flush();
        try (DevStack stack = DevstackCommand.start(DevStackOptions.defaults())) {
            ProduceBenchReport report = measure(stack.bootstrapServers(), stack.schemaRegistryUrl(),
                    "embedded devstack: Kafka " + AppInfoParser.getVersion()
                            + " KRaft broker (1 node, replication factor 1, child JVM) + Apicurio registry, "
                            + "on this machine",
                    generated, sizes, settings, out);
            finish(report, out);
        }
        return CommandLine.ExitCode.OK;
    }

    private ProducerSettings validatedSettings() {
        if (records < 1) {
            throw usageError("--records must be >= 1, was " + records);
        }
        if (rounds < 1) {
            throw usageError("--rounds must be >= 1, was " + rounds);
        }
        if (warmupRecords == null) {
            // Measured: with a warm-up of a tenth of a run, throughput still rose round over round, and the
            // reference, always first, was the one penalised.
            warmupRecords = records;
        }
        if (warmupRecords < 0) {
            throw usageError("--warmup-records must be >= 0, was " + warmupRecords);
        }
        if (partitions != null && partitions < 1) {
            throw usageError("--partitions must be >= 1, was " + partitions);
        }
        if ((bootstrapServers == null) != (schemaRegistryUrl == null)) {
            throw usageError("--bootstrap-servers and --schema-registry-url go together: give both to use a "
                    + "running stack, or neither for an embedded devstack");
        }
        try {
            return new ProducerSettings(acks, lingerMs, batchSize);
        } catch (IllegalArgumentException e) {
            throw usageError("Invalid producer settings: " + e.getMessage());
        }
    }

    private ProduceBenchReport measure(String kafka, String registryUrl, String brokerDescription,
                                       List<ClipUploaded> generated, EncodedSizes sizes, ProducerSettings settings,
                                       PrintWriter out) {
        TopicCatalog catalog = TopicCatalog.create(new SerdeSettings(registryUrl, true));
        int topicPartitions = partitions != null ? partitions : catalog.clipsUploaded().partitions();
        // Registration on: every run has a fresh topic, hence a fresh subject. One serializer for all runs, as a
        // service keeps one.
        Serializer<ClipUploaded> serializer = catalog.clipsUploaded().valueSerde().serializer();
        String prefix = "bench.produce." + Long.toString(System.currentTimeMillis(), 36);
        List<RoundResult> results = new ArrayList<>();
        try (BenchTopics topics = new BenchTopics(kafka, prefix, topicPartitions)) {
            if (warmupRecords > 0) {
                int count = Math.min(warmupRecords, generated.size());
                runReference(topics, "warmup.reference", kafka, count, sizes.median(), settings);
                runOurs(topics, "warmup.ours", kafka, generated.subList(0, count), serializer, settings);
                out.printf(Locale.ROOT, "warm-up    %d records each side, not counted%n", count);
                out.flush();
            }
            for (int round = 1; round <= rounds; round++) {
                RunResult reference = runReference(topics, "r" + round + ".reference", kafka, generated.size(),
                        sizes.median(), settings);
                progress(out, round, "reference (Kafka ProducerPerformance)", reference);
                RunResult ours = runOurs(topics, "r" + round + ".ours", kafka, generated, serializer, settings);
                progress(out, round, "ours (Clipstream Avro serde)", ours);
                results.add(new RoundResult(round, reference, ours));
            }
        }
        BenchEnvironment environment = BenchEnvironment.ofThisMachine(brokerDescription, generated.size(), rounds,
                topicPartitions, sizes, settings);
        return new ProduceBenchReport(environment, results);
    }

    private static RunResult runReference(BenchTopics topics, String name, String kafka, long count, int recordSize,
                                          ProducerSettings settings) {
        String topic = topics.create(name);
        try {
            return ReferenceProducer.run(kafka, topic, count, recordSize, settings);
        } finally {
            topics.delete(topic);
        }
    }

    private static RunResult runOurs(BenchTopics topics, String name, String kafka, List<ClipUploaded> records,
                                     Serializer<ClipUploaded> serializer, ProducerSettings settings) {
        String topic = topics.create(name);
        try {
            return ClipstreamProducer.run(kafka, topic, records, serializer, settings);
        } finally {
            topics.delete(topic);
        }
    }

    private void progress(PrintWriter out, int round, String side, RunResult run) {
        out.printf(Locale.ROOT, "round %d/%d  %-38s %10.0f records/s  %8.2f MB/s%n", round, rounds, side,
                run.recordsPerSecond(), run.megabytesPerSecond());
        out.flush();
    }

    private void finish(ProduceBenchReport report, PrintWriter out) {
        out.println();
        out.print(report.toText());
        out.flush();
        if (output != null) {
            try {
                Files.writeString(output, report.toMarkdown(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new CommandFailedException("Cannot write the result to " + output.toAbsolutePath() + ": "
                        + e.getMessage(), e);
            }
            out.println("Markdown written to " + output.toAbsolutePath());
            out.flush();
        }
    }

    private CommandLine.ParameterException usageError(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }
}
