package dev.clipstream.cli.bench;

import dev.clipstream.cli.CommandFailedException;
import dev.clipstream.cli.DevstackCommand;
import dev.clipstream.cli.ManifestVersionProvider;
import dev.clipstream.devstack.DevStack;
import dev.clipstream.devstack.DevStackOptions;
import dev.clipstream.labeling.app.LabelingApp;
import dev.clipstream.labeling.app.LabelingRuntime;
import dev.clipstream.labeling.campaign.CampaignAdmin;
import dev.clipstream.labeling.config.BatchLimits;
import dev.clipstream.labeling.config.LabelingSettings;
import dev.clipstream.labeling.label.SimulatedLabeler;
import dev.clipstream.schemas.avro.Campaign;
import dev.clipstream.schemas.avro.CampaignStatus;
import dev.clipstream.schemas.avro.ClipRejected;
import dev.clipstream.schemas.avro.ClipUploaded;
import dev.clipstream.schemas.avro.TrainingBatch;
import dev.clipstream.schemas.avro.TriggerRule;
import dev.clipstream.schemas.serde.SerdeSettings;
import dev.clipstream.schemas.topic.TopicBootstrap;
import dev.clipstream.schemas.topic.TopicCatalog;
import dev.clipstream.schemas.topic.TopicSpec;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.internals.AppInfoParser;
import org.apache.kafka.streams.KafkaStreams;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code clipstream bench labeling}: clips per second through the labeling app end to end (filtered, labeled,
 * batched, exactly once), as a ratio to Kafka's ProducerPerformance writing records of the same size.
 */
@Command(
        name = "labeling",
        mixinStandardHelpOptions = true,
        versionProvider = ManifestVersionProvider.class,
        sortOptions = false,
        description = {
                "Measure end-to-end labeling throughput: N ClipUploaded events are preloaded on clips.uploaded, "
                        + "then the labeling app starts and the clock runs from Kafka Streams RUNNING until "
                        + "clips.rejected and training.batches (read_committed) account for every clip.",
                "Each round first runs Kafka's ProducerPerformance with N records of the encoded ClipUploaded "
                        + "size on the same broker; the ratio is ours / reference (target >= 0.25).",
                "Every round recreates the pipeline topics and uses a fresh application id. One catch-all "
                        + "campaign; batches close at 100 clips or 1 s."},
        footerHeading = "%nExample:%n",
        footer = {"  clipstream bench labeling --clips 30000 --rounds 3 --output bench-labeling.md"})
public final class LabelingBenchCommand implements Callable<Integer> {

    private static final Duration ROUND_TIMEOUT = Duration.ofMinutes(5);

    @Spec
    CommandSpec spec;

    @Option(names = "--clips", paramLabel = "N", defaultValue = "30000",
            description = "Clips per round (default: ${DEFAULT-VALUE}).")
    int clips;

    @Option(names = "--reference-records", paramLabel = "N", defaultValue = "200000",
            description = "Records per ProducerPerformance run; enough to reach its steady rate, since a short run "
                    + "measures mostly producer start-up (default: ${DEFAULT-VALUE}).")
    int referenceRecords;

    @Option(names = "--rounds", paramLabel = "R", defaultValue = "3",
            description = "Rounds of (reference, labeling); medians over them (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--stream-threads", paramLabel = "T", defaultValue = "1",
            description = "Kafka Streams threads of the labeling app (default: ${DEFAULT-VALUE}, the app's default).")
    int streamThreads;

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT[,...]",
            description = "Kafka to measure against; needs --schema-registry-url. Default: an embedded devstack.")
    String bootstrapServers;

    @Option(names = "--schema-registry-url", paramLabel = "URL",
            description = "Confluent-compatible schema registry; needs --bootstrap-servers.")
    String schemaRegistryUrl;

    @Option(names = "--allow-topic-deletion",
            description = "Required with --bootstrap-servers: every round deletes and recreates clips.uploaded, "
                    + "clips.rejected, clips.labeled, clips.review, training.batches and clipstream.dead-letter.")
    boolean allowTopicDeletion;

    @Option(names = "--output", paramLabel = "FILE", description = "Also write the result as Markdown to FILE.")
    Path output;

    @Override
    public Integer call() {
        if (clips < 1 || rounds < 1 || referenceRecords < 1 || streamThreads < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--clips, --reference-records, --rounds and --stream-threads must be >= 1");
        }
        if ((bootstrapServers == null) != (schemaRegistryUrl == null)) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--bootstrap-servers and --schema-registry-url go together");
        }
        if (bootstrapServers != null && !allowTopicDeletion) {
            throw new CommandLine.ParameterException(spec.commandLine(), "Against a given Kafka the benchmark "
                    + "deletes and recreates the pipeline topics every round; add --allow-topic-deletion to confirm");
        }
        PrintWriter out = spec.commandLine().getOut();
        List<ClipUploaded> generated = new ClipUploadedGenerator(ProduceBenchCommand.SEED).next(clips);
        EncodedSizes sizes = EncodedSizes.of(generated);
        out.printf(Locale.ROOT, "%d clips, encoded size median %d B (min %d, max %d)%n", clips, sizes.median(),
                sizes.min(), sizes.max());
        out.flush();
        if (bootstrapServers != null) {
            finish(measure(bootstrapServers, schemaRegistryUrl, "given: Kafka " + bootstrapServers, generated, sizes,
                    out), out);
            return CommandLine.ExitCode.OK;
        }
        out.println("Starting an embedded devstack (Kafka broker and schema registry) for this run...");
        out.flush();
        try (DevStack stack = DevstackCommand.start(DevStackOptions.defaults())) {
            finish(measure(stack.bootstrapServers(), stack.schemaRegistryUrl(), "embedded devstack: Kafka "
                    + AppInfoParser.getVersion() + " KRaft broker (1 node, child JVM) + Apicurio registry",
                    generated, sizes, out), out);
        }
        return CommandLine.ExitCode.OK;
    }

    private String measure(String kafka, String registryUrl, String brokerDescription, List<ClipUploaded> generated,
                           EncodedSizes sizes, PrintWriter out) {
        TopicCatalog catalog = TopicCatalog.create(new SerdeSettings(registryUrl, true));
        ProducerSettings producerSettings = new ProducerSettings("all", 5, 16384);
        LabelingSettings settings = LabelingSettings.defaults()
                .withBatch(new BatchLimits(100, Long.MAX_VALUE, Duration.ofSeconds(1), Duration.ofMillis(200)));
        List<Double> reference = new ArrayList<>();
        List<Double> ours = new ArrayList<>();
        long expectedRejections = generated.stream().filter(LabelingBenchCommand::failsPrivacy).count();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka));
             BenchTopics topics = new BenchTopics(kafka, "bench.labeling." + Long.toString(
                     System.currentTimeMillis(), 36), catalog.clipsUploaded().partitions())) {
            new TopicBootstrap(admin).ensureTopics(catalog);
            TopicBootstrap.registerSchemas(catalog);
            new CampaignAdmin(catalog, kafka).publish(List.of(benchCampaign()));
            for (int round = 1; round <= rounds; round++) {
                String topic = topics.create("r" + round + ".reference");
                RunResult raw;
                try {
                    raw = ReferenceProducer.run(kafka, topic, referenceRecords, sizes.median(), producerSettings);
                } finally {
                    topics.delete(topic);
                }
                reference.add(raw.recordsPerSecond());
                out.printf(Locale.ROOT, "round %d/%d  reference (Kafka ProducerPerformance)  %10.0f records/s%n",
                        round, rounds, raw.recordsPerSecond());
                out.flush();
                double clipsPerSecond = runLabeling(admin, catalog, kafka, settings, generated, expectedRejections,
                        round);
                ours.add(clipsPerSecond);
                out.printf(Locale.ROOT, "round %d/%d  labeling end to end                  %10.0f clips/s"
                        + "   ratio %.3f%n", round, rounds, clipsPerSecond, clipsPerSecond / raw.recordsPerSecond());
                out.flush();
            }
        }
        List<Double> ratios = new ArrayList<>();
        for (int i = 0; i < rounds; i++) {
            ratios.add(ours.get(i) / reference.get(i));
        }
        StringBuilder md = new StringBuilder();
        md.append(String.format(Locale.ROOT, "Broker: %s. Clips per round: %d (encoded ClipUploaded median %d B; "
                + "%d of them fail the privacy filter); ProducerPerformance: %d records of %d B, acks=all, "
                + "linger.ms=5. Labeling stream threads: %d. Rounds: %d. Machine: %d cores, Java %s, load average %.1f at the end.%n%n",
                brokerDescription, generated.size(), sizes.median(), expectedRejections, referenceRecords,
                sizes.median(), streamThreads, rounds,
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
        md.append("| round | ProducerPerformance (records/s) | labeling end to end (clips/s) | ratio |\n");
        md.append("|---|---|---|---|\n");
        for (int i = 0; i < rounds; i++) {
            md.append(String.format(Locale.ROOT, "| %d | %.0f | %.0f | %.3f |%n", i + 1, reference.get(i),
                    ours.get(i), ratios.get(i)));
        }
        md.append(String.format(Locale.ROOT, "| **median** | **%.0f** | **%.0f** | **%.3f** |%n",
                Medians.of(reference), Medians.of(ours), Medians.of(ratios)));
        return md.toString();
    }

    private double runLabeling(Admin admin, TopicCatalog catalog, String kafka, LabelingSettings settings,
                               List<ClipUploaded> generated, long expectedRejections, int round) {
        List<TopicSpec<?, ?>> pipeline = List.of(catalog.clipsUploaded(), catalog.clipsRejected(),
                catalog.clipsLabeled(), catalog.clipsReview(), catalog.trainingBatches(), catalog.deadLetter());
        recreate(admin, catalog, pipeline);
        preload(kafka, catalog, generated);
        String applicationId = "bench-labeling-" + round + "-" + UUID.randomUUID();
        LabelingRuntime runtime = LabelingRuntime.inProcess(kafka).withApplicationId(applicationId);
        runtime = new LabelingRuntime(runtime.bootstrapServers(), applicationId, runtime.management(),
                Map.of("num.stream.threads", Integer.toString(streamThreads)), false, runtime.shutdownTimeout());
        try (KafkaConsumer<byte[], byte[]> outputs = outputConsumer(kafka, catalog);
             LabelingApp app = LabelingApp.start(settings, catalog, runtime, new SimulatedLabeler())) {
            long deadline = System.nanoTime() + ROUND_TIMEOUT.toNanos();
            while (app.state() != KafkaStreams.State.RUNNING) {
                checkDeadline(deadline, "the labeling app to reach RUNNING");
                sleep();
            }
            long started = System.nanoTime();
            long rejected = 0;
            long batched = 0;
            var rejectedDeserializer = catalog.clipsRejected().valueSerde().deserializer();
            var batchDeserializer = catalog.trainingBatches().valueSerde().deserializer();
            while (rejected + batched < generated.size()) {
                checkDeadline(deadline, "the outputs to account for all " + generated.size() + " clips (so far "
                        + rejected + " rejected, " + batched + " batched)");
                for (ConsumerRecord<byte[], byte[]> record : outputs.poll(Duration.ofMillis(100))) {
                    if (record.topic().equals(catalog.clipsRejected().name())) {
                        ClipRejected r = rejectedDeserializer.deserialize(record.topic(), record.value());
                        rejected += r == null ? 0 : 1;
                    } else {
                        TrainingBatch b = batchDeserializer.deserialize(record.topic(), record.value());
                        batched += b == null ? 0 : b.getTotals().getClipCount();
                    }
                }
            }
            double seconds = (System.nanoTime() - started) / 1e9;
            if (rejected != expectedRejections) {
                throw new CommandFailedException("Round " + round + ": " + rejected + " clips rejected, expected "
                        + expectedRejections + " (those failing the privacy filter)", null);
            }
            return generated.size() / seconds;
        }
    }

    private static boolean failsPrivacy(ClipUploaded clip) {
        return clip.getPrivacy() == null || !clip.getPrivacy().getFacesBlurred()
                || !clip.getPrivacy().getPlatesBlurred();
    }

    private static Campaign benchCampaign() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        return Campaign.newBuilder().setCampaignId("bench-everything").setName("Benchmark: every clip")
                .setDescription("Catch-all campaign of the labeling benchmark")
                .setTrigger(TriggerRule.newBuilder().build()).setTargetClipCount(Integer.MAX_VALUE).setPriority(0)
                .setStatus(CampaignStatus.ACTIVE).setCreatedAt(now).setExpiresAt(null).build();
    }

    private static void recreate(Admin admin, TopicCatalog catalog, List<TopicSpec<?, ?>> topics) {
        List<String> names = topics.stream().map(TopicSpec::name).toList();
        try {
            admin.deleteTopics(names).all().get(60, TimeUnit.SECONDS);
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (admin.listTopics().names().get(30, TimeUnit.SECONDS).stream().anyMatch(names::contains)) {
                checkDeadline(deadline, "the deletion of " + names);
                sleep();
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new CommandFailedException("Cannot recreate the pipeline topics: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CommandFailedException("Interrupted", e);
        }
        TopicBootstrap bootstrap = new TopicBootstrap(admin);
        bootstrap.ensureTopics(topics);
        bootstrap.awaitWritable(names);
    }

    private static void preload(String kafka, TopicCatalog catalog, List<ClipUploaded> generated) {
        Properties props = new Properties();
        props.putAll(new ProducerSettings("all", 5, 16384).asConfigs());
        props.put("bootstrap.servers", kafka);
        try (KafkaProducer<String, ClipUploaded> producer = new KafkaProducer<>(props, new StringSerializer(),
                catalog.clipsUploaded().valueSerde().serializer())) {
            for (ClipUploaded clip : generated) {
                producer.send(new ProducerRecord<>(catalog.clipsUploaded().name(), clip.getVehicleId(), clip));
            }
            producer.flush();
        }
    }

    private static KafkaConsumer<byte[], byte[]> outputConsumer(String kafka, TopicCatalog catalog) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka);
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "bench-labeling-monitor-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props, new ByteArrayDeserializer(),
                new ByteArrayDeserializer());
        consumer.subscribe(List.of(catalog.clipsRejected().name(), catalog.trainingBatches().name()));
        return consumer;
    }

    private static void checkDeadline(long deadline, String what) {
        if (System.nanoTime() > deadline) {
            throw new CommandFailedException("Timed out waiting for " + what, null);
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CommandFailedException("Interrupted", e);
        }
    }

    private void finish(String markdown, PrintWriter out) {
        out.println();
        out.print(markdown);
        out.flush();
        if (output != null) {
            try {
                Files.writeString(output, markdown, StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new CommandFailedException("Cannot write " + output.toAbsolutePath() + ": " + e.getMessage(), e);
            }
            out.println("Markdown written to " + output.toAbsolutePath());
            out.flush();
        }
    }
}
