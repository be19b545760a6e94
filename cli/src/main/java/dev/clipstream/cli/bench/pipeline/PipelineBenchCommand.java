package dev.clipstream.cli.bench.pipeline;

import dev.clipstream.cli.CommandFailedException;
import dev.clipstream.cli.DevstackCommand;
import dev.clipstream.cli.ManifestVersionProvider;
import dev.clipstream.cli.bench.Medians;
import dev.clipstream.cli.bench.ProducerSettings;
import dev.clipstream.cli.bench.ReferenceProducer;
import dev.clipstream.cli.bench.RunResult;
import dev.clipstream.cli.pipeline.PipelineOptions;
import dev.clipstream.cli.pipeline.PipelineService;
import dev.clipstream.cli.pipeline.ProcessPipeline;
import dev.clipstream.devstack.DevStack;
import dev.clipstream.devstack.DevStackOptions;
import dev.clipstream.fleet.upload.ClipUpload;
import dev.clipstream.labeling.campaign.CampaignAdmin;
import dev.clipstream.schemas.avro.Campaign;
import dev.clipstream.schemas.avro.CampaignStatus;
import dev.clipstream.schemas.avro.TriggerRule;
import dev.clipstream.schemas.topic.TopicBootstrap;
import dev.clipstream.schemas.topic.TopicCatalog;
import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.utils.internals.AppInfoParser;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code clipstream bench pipeline}: the whole pipeline end to end (ingest over HTTP, labeling, batching, dispatch to
 * simulated backends), each service in its own JVM on a fresh devstack, measured against Kafka's own
 * ProducerPerformance and ConsumerPerformance on the same broker in the same round.
 */
@Command(
        name = "pipeline",
        mixinStandardHelpOptions = true,
        versionProvider = ManifestVersionProvider.class,
        sortOptions = false,
        description = {
                "End-to-end benchmark of the whole pipeline against Kafka's own ceiling, in one run on a fresh "
                        + "devstack it starts itself (Kafka broker and Apicurio registry as child JVMs). The five "
                        + "services run as child JVMs (ingest, labeling, dispatch, dojo and nvidia simulators), as an "
                        + "operator runs them. One catch-all campaign makes every labeled clip part of a batch.",
                "",
                "Steps: a warm-up round (not measured; it also measures the encoded size of the records on each "
                        + "topic), then --rounds rounds of: (1) the ceiling: for each topic a clip passes, Kafka's "
                        + "ProducerPerformance writes records of that topic's median size to a fresh topic with its "
                        + "partition count (acks=all, linger.ms=5) and ConsumerPerformance reads them back; (2) "
                        + "--clips new small clips pushed through ingest's HTTP API by the fleet uploader with "
                        + "--concurrency uploads in flight, until every clip is rejected or in a dispatched batch. "
                        + "Finally a half-load run: uploads at half the median end-to-end rate, for "
                        + "--half-load-seconds.",
                "",
                "Figures (medians over the rounds; per round in the report):",
                "  e2e clips/s       clips that reached a dispatched batch / time from the first upload's start to "
                        + "the last of them being dispatched.",
                "  upload clips/s    201s / upload span, as the HTTP client saw it.",
                "  <topic> rec/s     records per second on clips.uploaded, clips.labeled, training.batches, "
                        + "dispatch.events between the topic's first and last record of the round, as a "
                        + "read_committed consumer sees them (only committed transactions count).",
                "  PP / CP rec/s     Kafka's ProducerPerformance / ConsumerPerformance (fetch rate) at the topic's "
                        + "median record size, same broker, same round: the ceiling.",
                "  hop ratio         <topic> rec/s / PP rec/s at its size (issue 8 target: >= 0.70).",
                "  e2e ratio         e2e clips/s x 4 hops / PP rec/s at the ClipUploaded size (target >= 0.70). "
                        + "The 4 hops are the 4 topics above; labeling's internal repartition and changelog topics "
                        + "are not counted.",
                "  ack -> labeled    from the client's HTTP 201 to the clip's record on clips.labeled seen by a "
                        + "read_committed consumer: p50, p99, p999 (HdrHistogram, microsecond resolution).",
                "  ack -> dispatched from the 201 to the PLACED event (a backend accepted the job) of the first "
                        + "batch holding the clip, on dispatch.events.",
                "  half load         ack -> labeled at half the median e2e rate (target p99 < 300 ms with "
                        + "exactly_once_v2; the commit interval used is printed).",
                "  CPU s, cores      CPU time (user+system) of each process during a round, and CPU time / wall "
                        + "time; 'bench client' is this JVM (uploads and the monitor consumer).",
                "  peak RSS          highest VmRSS of each process sampled every 500 ms; the pipeline total is "
                        + "the highest sum of broker, registry and all services (target < 1.5 GB).",
                "",
                "Output: a summary table on the console; --output-dir gets the charts (SVG: clips per second "
                        + "reaching each stage, records per second per topic, latency distribution) and "
                        + "pipeline-report.md; unless --no-docs, the generated part of the '## Pipeline (end to end)' "
                        + "section of --docs (between marker comments) is replaced.",
                "Exit code 0 when the run completed (targets met or not), 1 when it could not run."},
        footerHeading = "%nExamples:%n",
        footer = {"  clipstream bench pipeline                     # defaults; updates docs/benchmarks.md",
                "  clipstream bench pipeline --clips 300 --rounds 1 --no-docs --output-dir /tmp/bench"})
public final class PipelineBenchCommand implements Callable<Integer> {

    static final String FLEET_SECRET = "bench-pipeline-fleet-secret";
    private static final String CAMPAIGN_ID = "bench-every-clip";

    @Spec
    CommandSpec spec;

    @Option(names = "--clips", paramLabel = "N", defaultValue = "1000",
            description = "New clips per measured round (default: ${DEFAULT-VALUE}).")
    int clips;

    @Option(names = "--rounds", paramLabel = "R", defaultValue = "3",
            description = "Measured rounds; figures are medians over them (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--warmup-clips", paramLabel = "N", defaultValue = "300",
            description = "Clips of the unmeasured warm-up round (default: ${DEFAULT-VALUE}).")
    int warmupClips;

    @Option(names = "--concurrency", paramLabel = "C", defaultValue = "16",
            description = "Uploads in flight in the measured rounds (default: ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(names = "--clip-bytes", paramLabel = "BYTES", defaultValue = "100000",
            description = "Size of every clip (default: ${DEFAULT-VALUE}; small clips, so the pipeline and not the "
                    + "disk is measured).")
    long clipBytes;

    @Option(names = "--vehicles", paramLabel = "N", defaultValue = "100",
            description = "Vehicles the clips are spread over (default: ${DEFAULT-VALUE}).")
    int vehicles;

    @Option(names = "--commit-interval-ms", paramLabel = "MS", defaultValue = "100",
            description = "Labeling's Kafka Streams commit.interval.ms under exactly_once_v2 (default: "
                    + "${DEFAULT-VALUE}, Kafka Streams' own default for exactly-once; the app's default is 1000).")
    long commitIntervalMs;

    @Option(names = "--batch-max-clips", paramLabel = "N", defaultValue = "100",
            description = "labeling.batch.max.clips (default: ${DEFAULT-VALUE}, the app's default).")
    int batchMaxClips;

    @Option(names = "--batch-max-age", paramLabel = "DURATION", defaultValue = "2s",
            description = "labeling.batch.max.age (default: ${DEFAULT-VALUE}; the app's 60s would make the last "
                    + "batch of a round wait a minute).")
    String batchMaxAge;

    @Option(names = "--time-scale", paramLabel = "X", defaultValue = "3600",
            description = "Simulated seconds per real second of both backends (default: ${DEFAULT-VALUE}).")
    double timeScale;

    @Option(names = "--half-load-seconds", paramLabel = "S", defaultValue = "20",
            description = "Length of the half-load run; 0 skips it (default: ${DEFAULT-VALUE}).")
    int halfLoadSeconds;

    @Option(names = "--reference-records", paramLabel = "N", defaultValue = "100000",
            description = "Records per ProducerPerformance/ConsumerPerformance run, fewer for large records (see "
                    + "--reference-megabytes) (default: ${DEFAULT-VALUE}).")
    int referenceRecords;

    @Option(names = "--reference-megabytes", paramLabel = "MB", defaultValue = "32",
            description = "At most this many MB per reference run (large training.batches records) "
                    + "(default: ${DEFAULT-VALUE}).")
    int referenceMegabytes;

    @Option(names = "--round-timeout", paramLabel = "SECONDS", defaultValue = "300",
            description = "Longest wait for a round's clips to leave the pipeline (default: ${DEFAULT-VALUE}).")
    int roundTimeoutSeconds;

    @Option(names = "--output-dir", paramLabel = "DIR", defaultValue = "docs/benchmarks",
            description = "Where the charts (*.svg) and pipeline-report.md go (default: ${DEFAULT-VALUE}).")
    Path outputDir;

    @Option(names = "--docs", paramLabel = "FILE", defaultValue = "docs/benchmarks.md",
            description = "Markdown file whose '## Pipeline (end to end)' section gets the results "
                    + "(default: ${DEFAULT-VALUE}).")
    Path docs;

    @Option(names = "--no-docs", description = "Do not touch --docs (tests, trial runs).")
    boolean noDocs;

    @Override
    public Integer call() throws Exception {
        validate();
        PrintWriter out = spec.commandLine().getOut();
        double loadAtStart = loadAverage();
        Instant started = Instant.now();
        say(out, "Starting an embedded devstack (Kafka broker and schema registry, child JVMs)...");
        List<PipelineRound> results = new ArrayList<>();
        HalfLoadRun halfLoad = null;
        String services;
        try (DevStack stack = DevstackCommand.start(DevStackOptions.defaults())) {
            PipelineOptions options = pipelineOptions(stack);
            say(out, "Starting the pipeline: ingest, labeling, dispatch, dojo, nvidia (child JVMs)...");
            try (ProcessPipeline pipeline = ProcessPipeline.start(options)) {
                services = describeServices(pipeline);
                TopicCatalog catalog = pipeline.catalog();
                publishCampaign(catalog, stack.bootstrapServers());
                Map<String, Long> pids = processes(stack, pipeline);
                UploadDriver driver = new UploadDriver(pipeline.ingestUri(), vehicles, FLEET_SECRET, clipBytes);
                RoundRunner runner = new RoundRunner(stack.bootstrapServers(), catalog, pids, driver, out,
                        Duration.ofSeconds(roundTimeoutSeconds));

                say(out, String.format(Locale.ROOT, "Warm-up: %d clips (not measured; measures record sizes)...",
                        warmupClips));
                RoundRunner.Outcome warmup = runner.run("warm-up", driver.prepare(1, warmupClips),
                        (uploads, tracker, done) -> driver.closedLoop(uploads, concurrency, tracker, done), true);
                Map<Stage, Integer> sizes = recordSizes(warmup);
                say(out, "Record sizes (median value bytes): " + sizes);

                for (int round = 1; round <= rounds; round++) {
                    Map<Stage, CeilingRun> ceiling = ceiling(stack.bootstrapServers(), catalog, sizes, round, out);
                    List<ClipUpload> uploads = driver.prepare(1000L + round, clips);
                    RoundRunner.Outcome outcome = runner.run("round " + round + "/" + rounds, uploads,
                            (u, tracker, done) -> driver.closedLoop(u, concurrency, tracker, done), false);
                    PipelineRound result = outcome.toRound(round, ceiling);
                    results.add(result);
                    say(out, String.format(Locale.ROOT, "round %d/%d: e2e %.1f clips/s (ratio %.3f), ack->labeled "
                                    + "%s, ack->dispatched %s", round, rounds, result.endToEndClipsPerSecond(),
                            result.endToEndRatio(), result.ackToLabeled().describe(),
                            result.ackToDispatched().describe()));
                }
                if (halfLoadSeconds > 0) {
                    double e2e = Medians.of(results.stream().map(PipelineRound::endToEndClipsPerSecond).toList());
                    double rate = e2e / 2;
                    int halfClips = (int) Math.max(20, Math.round(rate * halfLoadSeconds));
                    say(out, String.format(Locale.ROOT, "Half load: %d clips at %.1f clips/s...", halfClips, rate));
                    List<ClipUpload> uploads = driver.prepare(9_000, halfClips);
                    RoundRunner.Outcome outcome = runner.run("half load", uploads,
                            (u, tracker, done) -> driver.atRate(u, rate, Math.max(concurrency, 64), tracker, done),
                            false);
                    halfLoad = outcome.toHalfLoad(rate);
                }
            }
        }
        String loads = String.format(Locale.ROOT, "%.1f at the start, %.1f at the end (1-minute, %d cores)",
                loadAtStart, loadAverage(), Runtime.getRuntime().availableProcessors());
        BenchSetup setup = new BenchSetup(commandLine(), DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
                .format(started.atZone(ZoneOffset.UTC)), machine(), "embedded devstack: Kafka "
                + AppInfoParser.getVersion() + " KRaft broker (1 node, replication factor 1, child JVM) + Apicurio "
                + "registry (child JVM)", services, rounds, clips, clipBytes, concurrency, vehicles, commitIntervalMs,
                "batches close at " + batchMaxClips + " clips or " + batchMaxAge, timeScale, loads,
                Duration.between(started, Instant.now()).toMillis() / 60_000.0);
        PipelineBenchReport report = new PipelineBenchReport(setup, results, halfLoad);
        out.println();
        out.print(report.toText());
        out.flush();
        write(report, out);
        return CommandLine.ExitCode.OK;
    }

    private void validate() {
        if (clips < 1 || rounds < 1 || warmupClips < 1 || concurrency < 1 || vehicles < 1 || referenceRecords < 1
                || referenceMegabytes < 1 || roundTimeoutSeconds < 1 || batchMaxClips < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--clips, --rounds, --warmup-clips, "
                    + "--concurrency, --vehicles, --reference-records, --reference-megabytes, --round-timeout and "
                    + "--batch-max-clips must be >= 1");
        }
        if (halfLoadSeconds < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--half-load-seconds must be >= 0");
        }
        if (commitIntervalMs < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--commit-interval-ms must be >= 1");
        }
        if (!(timeScale > 0) || Double.isInfinite(timeScale)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--time-scale must be a positive number");
        }
        if (vehicles > 99_999) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--vehicles must be at most 99999");
        }
        if (clipBytes < dev.clipstream.fleet.clip.Mp4Clip.minimumSize()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--clip-bytes must be at least "
                    + dev.clipstream.fleet.clip.Mp4Clip.minimumSize() + " (the MP4 headers)");
        }
        if (!noDocs && !Files.isRegularFile(docs)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--docs " + docs.toAbsolutePath()
                    + " does not exist: run from the repository root, give --docs FILE, or pass --no-docs");
        }
    }

    private PipelineOptions pipelineOptions(DevStack stack) {
        return PipelineOptions.defaults(stack.bootstrapServers(), stack.schemaRegistryUrl(), null)
                .withFleetSecret(FLEET_SECRET)
                .withVehicles(vehicles)
                .withBackendTimeScale(timeScale)
                .withSeedCampaigns(false)
                // Throughput, not the per-vehicle policy, is measured.
                .withConfig(PipelineService.INGEST, "ingest.rate.limit.per.second", "0")
                .withConfig(PipelineService.LABELING, "kafka.streams.commit.interval.ms",
                        Long.toString(commitIntervalMs))
                .withConfig(PipelineService.LABELING, "labeling.batch.max.clips", Integer.toString(batchMaxClips))
                .withConfig(PipelineService.LABELING, "labeling.batch.max.age", batchMaxAge);
    }

    /** One active campaign whose empty trigger rule matches every clip, so every labeled clip ends in a batch. */
    private static void publishCampaign(TopicCatalog catalog, String bootstrapServers) {
        Instant now = Instant.now().truncatedTo(ChronoUnit.MILLIS);
        Campaign campaign = Campaign.newBuilder().setCampaignId(CAMPAIGN_ID).setName("Benchmark: every clip")
                .setDescription("Catch-all campaign of clipstream bench pipeline")
                .setTrigger(TriggerRule.newBuilder().build()).setTargetClipCount(Integer.MAX_VALUE).setPriority(0)
                .setStatus(CampaignStatus.ACTIVE).setCreatedAt(now).setExpiresAt(null).build();
        new CampaignAdmin(catalog, bootstrapServers).publish(List.of(campaign));
    }

    /** Every process of the pipeline by name, in report order, plus this JVM (the load generator). */
    private static Map<String, Long> processes(DevStack stack, ProcessPipeline pipeline) {
        Map<String, Long> pids = new LinkedHashMap<>();
        pids.put("kafka broker", stack.kafka().pid());
        pids.put("registry", stack.registry().pid());
        for (PipelineService service : PipelineService.values()) {
            pids.put(service.displayName(), pipeline.service(service).pid());
        }
        pids.put(PipelineBenchReport.CLIENT, ProcessHandle.current().pid());
        return pids;
    }

    private static String describeServices(ProcessPipeline pipeline) {
        List<String> options = pipeline.service(PipelineService.LABELING).spec().jvmOptions();
        return "ingest, labeling (1 instance, 1 stream thread), dispatch, dojo, nvidia: one child JVM each ("
                + String.join(" ", options) + ")";
    }

    private static Map<Stage, Integer> recordSizes(RoundRunner.Outcome warmup) {
        Map<Stage, Integer> sizes = new EnumMap<>(Stage.class);
        for (Stage stage : Stage.values()) {
            List<Integer> values = warmup.valueSizes().get(stage);
            if (values.isEmpty()) {
                throw new CommandFailedException("The warm-up saw no record on " + stage.topicName()
                        + ", so its record size is unknown; is the pipeline working? (" + warmup.progress() + ")",
                        null);
            }
            sizes.put(stage, Medians.of(values.stream().mapToInt(Integer::intValue).toArray()));
        }
        return sizes;
    }

    /** ProducerPerformance then ConsumerPerformance for each stage's record size, each on a fresh topic. */
    private Map<Stage, CeilingRun> ceiling(String kafka, TopicCatalog catalog, Map<Stage, Integer> sizes, int round,
                                           PrintWriter out) {
        Map<Stage, CeilingRun> runs = new EnumMap<>(Stage.class);
        ProducerSettings settings = new ProducerSettings("all", 5, 16384);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka))) {
            for (Stage stage : Stage.values()) {
                int size = sizes.get(stage);
                long records = Math.max(1_000, Math.min(referenceRecords,
                        (long) referenceMegabytes * 1024 * 1024 / size));
                String topic = "bench.pipeline.reference." + round + "." + stage.name().toLowerCase(Locale.ROOT)
                        + "." + Long.toString(System.nanoTime(), 36);
                createTopic(admin, topic, stage.topic(catalog).partitions());
                try {
                    RunResult produced = ReferenceProducer.run(kafka, topic, records, size, settings);
                    ConsumerPerformanceSummary consumed = ReferenceConsumer.run(kafka, topic, records);
                    runs.put(stage, new CeilingRun(stage, size, records, produced.recordsPerSecond(),
                            produced.megabytesPerSecond(), consumed.fetchRecordsPerSecond()));
                    say(out, String.format(Locale.ROOT, "round %d/%d ceiling at %s size (%d B): ProducerPerformance "
                                    + "%.0f rec/s, ConsumerPerformance %.0f rec/s", round, rounds, stage.topicName(),
                            size, produced.recordsPerSecond(), consumed.fetchRecordsPerSecond()));
                } finally {
                    deleteTopic(admin, topic);
                }
            }
        }
        return runs;
    }

    private static void createTopic(Admin admin, String topic, int partitions) {
        try {
            admin.createTopics(List.of(new NewTopic(topic, Optional.of(partitions), Optional.empty())))
                    .all().get(60, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new CommandFailedException("Cannot create the reference topic " + topic + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CommandFailedException("Interrupted", e);
        }
        // An idempotent producer that starts before the leaders serve can stall until its delivery timeout.
        new TopicBootstrap(admin).awaitWritable(List.of(topic));
    }

    private static void deleteTopic(Admin admin, String topic) {
        try {
            admin.deleteTopics(List.of(topic)).all().get(60, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            // A topic left behind costs disk on a devstack that is deleted at the end anyway.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void write(PipelineBenchReport report, PrintWriter out) throws IOException {
        Files.createDirectories(outputDir);
        for (Map.Entry<String, String> chart : report.charts().entrySet()) {
            Files.writeString(outputDir.resolve(chart.getKey()), chart.getValue(), StandardCharsets.UTF_8);
        }
        String chartDir = noDocs ? "." : relativeChartDir();
        String markdown = report.toMarkdown(chartDir);
        Path reportFile = outputDir.resolve("pipeline-report.md");
        Files.writeString(reportFile, DocsSection.HEADING + "\n\n" + report.toMarkdown("."), StandardCharsets.UTF_8);
        say(out, "Charts and report written to " + outputDir.toAbsolutePath());
        if (!noDocs) {
            DocsSection.update(docs, markdown);
            say(out, "Updated the '" + DocsSection.HEADING + "' section of " + docs.toAbsolutePath());
        }
    }

    /** The output dir as the docs file links to it (e.g. "benchmarks" for docs/benchmarks.md and docs/benchmarks). */
    private String relativeChartDir() {
        Path docsDir = docs.toAbsolutePath().normalize().getParent();
        return docsDir.relativize(outputDir.toAbsolutePath().normalize()).toString().replace('\\', '/');
    }

    /** The command as typed, from "pipeline" on (the parse result holds the whole line from the root command). */
    private String commandLine() {
        List<String> args = spec.commandLine().getParseResult().originalArgs();
        int own = args.indexOf(spec.name());
        List<String> options = own >= 0 ? args.subList(own + 1, args.size()) : args;
        return "clipstream bench pipeline" + (options.isEmpty() ? "" : " " + String.join(" ", options));
    }

    private static String machine() {
        return Runtime.getRuntime().availableProcessors() + " cores, " + System.getProperty("java.vm.name") + " "
                + System.getProperty("java.runtime.version") + ", " + System.getProperty("os.name") + " "
                + System.getProperty("os.arch");
    }

    private static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    static void say(PrintWriter out, String line) {
        out.println(line);
        out.flush();
    }
}
