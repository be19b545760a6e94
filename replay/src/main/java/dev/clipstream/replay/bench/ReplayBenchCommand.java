package dev.clipstream.replay.bench;

import dev.clipstream.devstack.DevStack;
import dev.clipstream.devstack.DevStackOptions;
import dev.clipstream.replay.DatasetReplay;
import dev.clipstream.replay.ReplayClients;
import dev.clipstream.replay.ReplayTopics;
import dev.clipstream.replay.publish.PublishResult;
import dev.clipstream.replay.publish.ReplayProgressListener;
import dev.clipstream.replay.selection.BatchSelection;
import dev.clipstream.schemas.avro.BatchClip;
import dev.clipstream.schemas.avro.BatchCloseReason;
import dev.clipstream.schemas.avro.BatchOrigin;
import dev.clipstream.schemas.avro.BatchTotals;
import dev.clipstream.schemas.avro.Camera;
import dev.clipstream.schemas.avro.ClipRef;
import dev.clipstream.schemas.avro.LabelSet;
import dev.clipstream.schemas.avro.ScenarioTag;
import dev.clipstream.schemas.avro.TimeOfDay;
import dev.clipstream.schemas.avro.TimeOfDayLabel;
import dev.clipstream.schemas.avro.TrainingBatch;
import dev.clipstream.schemas.avro.Weather;
import dev.clipstream.schemas.avro.WeatherLabel;
import dev.clipstream.schemas.serde.SerdeSettings;
import dev.clipstream.schemas.topic.TopicCatalog;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.internals.AppInfoParser;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code clipstream bench replay}: how fast replay selects and republishes training batches, next to Kafka's own
 * ConsumerPerformance reading the same topic in the same run.
 */
@Command(
        name = "replay",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
                "Measure dataset replay on a topic of generated training batches, next to Kafka's own "
                        + "ConsumerPerformance reading the same topic in the same JVM.",
                "",
                "Phase 1, R rounds of (ConsumerPerformance, replay selection scan): the scan is what a dry run "
                        + "does: read the snapshot read_committed, deserialize every batch (Avro), apply the "
                        + "selection, build the manifest. Phase 2, R rounds of publication: resolve a stored "
                        + "manifest (re-read exactly its batches), check what is already published, republish "
                        + "every batch as a REPLAY copy in transactions. Medians over the rounds.",
                "",
                "Without --bootstrap-servers and --schema-registry-url an embedded devstack is started for the run."},
        footerHeading = "%nExample:%n",
        footer = "  clipstream bench replay --batches 10000 --clips-per-batch 8 --rounds 5 --output bench-replay.md")
public final class ReplayBenchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--batches", paramLabel = "N", defaultValue = "10000",
            description = "Training batches on the source topic (default: ${DEFAULT-VALUE}).")
    int batches;

    @Option(names = "--clips-per-batch", paramLabel = "N", defaultValue = "8",
            description = "Clips in each batch (default: ${DEFAULT-VALUE}).")
    int clipsPerBatch;

    @Option(names = "--rounds", paramLabel = "R", defaultValue = "5",
            description = "Rounds of each phase; medians are taken over them (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--transaction-size", paramLabel = "N", defaultValue = "100",
            description = "Batches per replay transaction (default: ${DEFAULT-VALUE}, as replay's default).")
    int transactionSize;

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT",
            description = "Kafka to measure against; needs --schema-registry-url. Default: an embedded devstack.")
    String bootstrapServers;

    @Option(names = "--schema-registry-url", paramLabel = "URL",
            description = "Confluent-compatible schema registry; needs --bootstrap-servers.")
    String schemaRegistryUrl;

    @Option(names = "--output", paramLabel = "FILE", description = "Also write the result as Markdown to FILE.")
    Path output;

    @Override
    public Integer call() {
        if (batches < 1 || clipsPerBatch < 1 || rounds < 1 || transactionSize < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--batches, --clips-per-batch, --rounds and --transaction-size must be >= 1");
        }
        if ((bootstrapServers == null) != (schemaRegistryUrl == null)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--bootstrap-servers and "
                    + "--schema-registry-url go together: give both, or neither for an embedded devstack");
        }
        PrintWriter out = spec.commandLine().getOut();
        if (bootstrapServers != null) {
            report(measure(bootstrapServers, schemaRegistryUrl, out), "given: Kafka " + bootstrapServers, out);
            return CommandLine.ExitCode.OK;
        }
        out.println("Starting an embedded devstack (Kafka broker and schema registry) for this run...");
        out.flush();
        try (DevStack stack = DevStack.start(DevStackOptions.defaults())) {
            report(measure(stack.bootstrapServers(), stack.schemaRegistryUrl(), out), "embedded devstack: Kafka "
                    + AppInfoParser.getVersion() + " KRaft broker (1 node, child JVM) + Apicurio registry", out);
        }
        return CommandLine.ExitCode.OK;
    }

    record Rounds(List<Double> referenceMessagesPerSecond, List<Double> scanBatchesPerSecond,
                  List<Double> scanClipsPerSecond, List<Double> publishBatchesPerSecond,
                  List<Double> publishClipsPerSecond, double megabytes) {
    }

    private Rounds measure(String kafka, String registryUrl, PrintWriter out) {
        TopicCatalog catalog = TopicCatalog.create(new SerdeSettings(registryUrl, true));
        String prefix = "bench.replay." + Long.toString(System.currentTimeMillis(), 36);
        ReplayTopics topics = ReplayTopics.of(catalog, prefix + ".batches", prefix + ".datasets");
        createTopics(kafka, topics, catalog.trainingBatches().partitions());
        out.printf(Locale.ROOT, "Producing %d batches of %d clips to %s...%n", batches, clipsPerBatch,
                topics.batches());
        out.flush();
        produce(kafka, topics);
        DatasetReplay replay = new DatasetReplay(ReplayClients.of(kafka), topics, transactionSize,
                Duration.ofSeconds(60), Clock.systemUTC());
        BatchSelection everything = BatchSelection.of(List.of("bench"), List.of(), null, null);

        // Warm-up: one untimed run of each side, so no round measures a cold JIT.
        ReferenceConsumer.run(kafka, topics.batches(), batches, prefix + ".warmup");
        replay.plan(everything);

        List<Double> reference = new ArrayList<>();
        List<Double> scanBatches = new ArrayList<>();
        List<Double> scanClips = new ArrayList<>();
        double megabytes = 0;
        for (int round = 1; round <= rounds; round++) {
            ReferenceConsumer.Result cp = ReferenceConsumer.run(kafka, topics.batches(), batches,
                    prefix + ".cp." + round);
            megabytes = cp.megabytes();
            long start = System.nanoTime();
            DatasetReplay.Plan plan = replay.plan(everything);
            double seconds = (System.nanoTime() - start) / 1e9;
            int selected = plan.manifest().getTotals().getBatchCount();
            if (selected != batches) {
                throw new IllegalStateException("The scan selected " + selected + " of " + batches + " batches");
            }
            reference.add(cp.fetchMessagesPerSecond());
            scanBatches.add(selected / seconds);
            scanClips.add(plan.manifest().getTotals().getClipCount() / seconds);
            out.printf(Locale.ROOT, "scan round %d: ConsumerPerformance %,.0f records/s | replay scan %,.0f "
                    + "batches/s, %,.0f clips/s%n", round, cp.fetchMessagesPerSecond(), selected / seconds,
                    plan.manifest().getTotals().getClipCount() / seconds);
            out.flush();
        }
        List<Double> publishBatches = new ArrayList<>();
        List<Double> publishClips = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            // A distinct selection per round (same batches), so every round publishes a whole new dataset.
            BatchSelection selection = BatchSelection.of(List.of("bench"), List.of(), null,
                    Instant.parse("2100-01-01T00:00:00Z").plusSeconds(round));
            DatasetReplay.Prepared prepared = replay.prepare(selection);
            PublishResult result = replay.publish(prepared.manifest().orElseThrow(), ReplayProgressListener.NONE,
                    () -> false);
            if (result.published() != batches) {
                throw new IllegalStateException("Round " + round + " published " + result.published() + " of "
                        + batches + " batches");
            }
            publishBatches.add(result.batchesPerSecond());
            publishClips.add(result.clipsPerSecond());
            out.printf(Locale.ROOT, "publish round %d: %,.0f batches/s, %,.0f clips/s (%d transactions)%n", round,
                    result.batchesPerSecond(), result.clipsPerSecond(), result.transactions());
            out.flush();
        }
        return new Rounds(reference, scanBatches, scanClips, publishBatches, publishClips, megabytes);
    }

    private void report(Rounds r, String broker, PrintWriter out) {
        double reference = median(r.referenceMessagesPerSecond());
        double scan = median(r.scanBatchesPerSecond());
        double publish = median(r.publishBatchesPerSecond());
        // Selection and publication run one after the other, so their times add up.
        double endToEnd = 1 / (1 / scan + 1 / publish);
        String markdown = String.format(Locale.ROOT, """
                Environment: %d cores, %s %s, %s; %s.
                Topic: %,d TrainingBatch records of %d clips (%.1f MB, %.0f bytes/record), %d partitions; %d rounds.

                | measure | median | per round |
                |---|---|---|
                | Kafka ConsumerPerformance, raw records (fetch.nMsg.sec) | %,.0f records/s | %s |
                | replay selection scan (read_committed + Avro + filter + manifest) | %,.0f batches/s = %,.0f clips/s | %s |
                | replay publication (resolve + resume check + transactional republish) | %,.0f batches/s = %,.0f clips/s | %s |
                | replay end to end (scan, then publish) | %,.0f batches/s = %,.0f clips/s | |

                Selection scan / ConsumerPerformance: %.2f (1.0 = as fast as Kafka's own consumer reading raw bytes).
                """,
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.vm.name"),
                System.getProperty("java.runtime.version"), System.getProperty("os.name"), broker, batches,
                clipsPerBatch, r.megabytes(), r.megabytes() * 1e6 / batches, 3, rounds,
                reference, list(r.referenceMessagesPerSecond()),
                scan, median(r.scanClipsPerSecond()), list(r.scanBatchesPerSecond()),
                publish, median(r.publishClipsPerSecond()), list(r.publishBatchesPerSecond()),
                endToEnd, endToEnd * clipsPerBatch, scan / reference);
        out.println();
        out.println(markdown);
        out.flush();
        if (output != null) {
            try {
                Files.writeString(output, markdown);
            } catch (IOException e) {
                throw new UncheckedIOException("Could not write " + output, e);
            }
        }
    }

    private void createTopics(String kafka, ReplayTopics topics, int partitions) {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka))) {
            admin.createTopics(List.of(new NewTopic(topics.batches(), partitions, (short) 1),
                    new NewTopic(topics.datasets(), 1, (short) 1).configs(Map.of(TopicConfig.CLEANUP_POLICY_CONFIG,
                            TopicConfig.CLEANUP_POLICY_COMPACT)))).all().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while creating the benchmark topics", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Could not create the benchmark topics: " + e.getCause(), e);
        }
    }

    private void produce(String kafka, ReplayTopics topics) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        Random random = new Random(20261129L);
        try (KafkaProducer<String, TrainingBatch> producer = new KafkaProducer<>(config, new StringSerializer(),
                topics.batchSerde().serializer())) {
            for (int i = 0; i < batches; i++) {
                TrainingBatch batch = batch(random, i);
                producer.send(new ProducerRecord<>(topics.batches(), batch.getBatchId().toString(), batch));
            }
            producer.flush();
        }
    }

    private TrainingBatch batch(Random random, int index) {
        List<BatchClip> clips = new ArrayList<>();
        long bytes = 0;
        Instant created = Instant.parse("2026-11-01T00:00:00Z").plusSeconds(index);
        for (int c = 0; c < clipsPerBatch; c++) {
            long size = 20_000_000L + random.nextInt(10_000_000);
            bytes += size;
            UUID clipId = new UUID(random.nextLong(), random.nextLong());
            clips.add(BatchClip.newBuilder()
                    .setClip(ClipRef.newBuilder()
                            .setClipId(clipId)
                            .setVehicleId(String.format("veh-%05d", random.nextInt(1000)))
                            .setCamera(Camera.FRONT_MAIN)
                            .setCaptureStart(created.minusSeconds(600))
                            .setDurationMillis(10_000)
                            .setByteSize(size)
                            .setSha256(String.format("%064x", random.nextLong() & Long.MAX_VALUE))
                            .setBlobUri("s3://clipstream-clips/" + clipId + ".mp4")
                            .build())
                    .setLabels(LabelSet.newBuilder()
                            .setScenarios(List.of(ScenarioTag.newBuilder().setTag("lane_change").setConfidence(0.9)
                                    .build()))
                            .setWeather(WeatherLabel.newBuilder().setCondition(Weather.CLEAR).setConfidence(0.9).build())
                            .setTimeOfDay(TimeOfDayLabel.newBuilder().setPeriod(TimeOfDay.DAY).setConfidence(0.9)
                                    .build())
                            .setObjectCounts(List.of())
                            .setLabelerVersion("auto-labeler-3.2.0")
                            .build())
                    .build());
        }
        return TrainingBatch.newBuilder()
                .setBatchId(new UUID(random.nextLong(), random.nextLong()))
                .setDatasetId("bench")
                .setDatasetVersion(1)
                .setCampaignId("bench")
                .setClips(clips)
                .setTotals(BatchTotals.newBuilder().setClipCount(clipsPerBatch).setTotalBytes(bytes)
                        .setTotalVideoSeconds(clipsPerBatch * 10.0).build())
                .setCreatedAt(created)
                .setCloseReason(BatchCloseReason.CLIP_COUNT_REACHED)
                .setOrigin(BatchOrigin.LIVE)
                .build();
    }

    static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private static String list(List<Double> values) {
        return String.join(", ", values.stream().map(v -> String.format(Locale.ROOT, "%,.0f", v)).toList());
    }
}
