package dev.clipstream.fleet.bench;

import dev.clipstream.fleet.clip.ClipSpec;
import dev.clipstream.fleet.clip.Mp4Clip;
import dev.clipstream.fleet.metadata.MetadataSettings;
import dev.clipstream.fleet.sim.FleetSettings;
import dev.clipstream.fleet.sim.SimulatedClips;
import dev.clipstream.fleet.upload.ClipUpload;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code clipstream bench ingest}: upload throughput through HTTP + blob store + Kafka, as a ratio to raw disk. */
@Command(
        name = "ingest",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
                "Upload throughput of the ingest service relative to the machine's raw rate for the same work.",
                "Starts a devstack (Kafka, registry), creates the catalog topics and runs ingest in this JVM with its "
                        + "blob store under --work-dir. Then, per round and clip size, it measures back to back:",
                "  raw:    write + fsync COUNT files of SIZE into --work-dir/raw (same file system as the blobs), "
                        + "--concurrency at a time, bytes from the same generator the uploads use;",
                "  upload: PUT COUNT new clips of SIZE through the HTTP API (SHA-256 checked, blob fsynced, "
                        + "ClipUploaded acknowledged by Kafka) with the same concurrency; digests computed "
                        + "before the clock starts.",
                "Reports clips/s, MB/s, p50/p99 latency of each side and the ratio upload/raw, medians over the "
                        + "rounds, and the broker's acknowledgement time of one event right after (every upload "
                        + "waits for one). Targets: >= 0.60 at 50 MB, >= 0.50 at 100 KB (per-upload overhead).",
                "Exit code 0 when the run completed (targets met or not), 1 when it could not run."},
        footerHeading = "%nExample:%n",
        footer = "  clipstream bench ingest --rounds 3 --case 50MB:8 --case 100KB:300 --output /tmp/bench-ingest.md")
public final class IngestBenchCommand implements Callable<Integer> {

    private static final long LARGE_THRESHOLD = 10_000_000;

    @Spec
    CommandSpec spec;

    @Option(names = "--case", paramLabel = "SIZE:COUNT", converter = BenchCase.Converter.class,
            description = "A clip size and how many clips per round; repeatable (default: 50MB:8 and 100KB:300).")
    List<BenchCase> cases = new ArrayList<>();

    @Option(names = "--concurrency", paramLabel = "C", defaultValue = "4",
            description = "Uploads / file writes in flight at once (default: ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(names = "--rounds", paramLabel = "N", defaultValue = "3",
            description = "Rounds; figures are medians over them (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--work-dir", paramLabel = "DIR",
            description = "Parent of the blob store and raw files (default: the temp dir). Removed at the end.")
    Path workDirParent;

    @Option(names = "--vehicles", paramLabel = "N", defaultValue = "100",
            description = "Vehicles the uploads are spread over (default: ${DEFAULT-VALUE}).")
    int vehicles;

    @Option(names = "--output", paramLabel = "FILE", description = "Also write the Markdown report here.")
    Path output;

    @Override
    public Integer call() throws Exception {
        if (cases.isEmpty()) {
            cases = List.of(new BenchCase(50_000_000, 8), new BenchCase(100_000, 300));
        }
        for (BenchCase c : cases) {
            if (c.sizeBytes() < Mp4Clip.minimumSize()) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--case " + c.label()
                        + ": clips need at least " + Mp4Clip.minimumSize() + " bytes");
            }
        }
        if (concurrency < 1 || rounds < 1 || vehicles < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--concurrency, --rounds and --vehicles must be at least 1");
        }
        PrintWriter out = spec.commandLine().getOut();
        Path parent = workDirParent != null ? workDirParent : Path.of(System.getProperty("java.io.tmpdir"));
        Files.createDirectories(parent);
        Path workDir = Files.createTempDirectory(parent.toAbsolutePath(), "clipstream-bench-ingest-");
        say(out, "Starting devstack and ingest (work dir " + workDir + ")...");
        List<BenchReport.CaseResult> results = new ArrayList<>();
        try (BenchStack stack = BenchStack.start(workDir, vehicles);
             KafkaAckProbe probe = new KafkaAckProbe(stack.bootstrapServers())) {
            say(out, "Ingest at " + stack.ingestUrl() + "; warming up...");
            warmUp(stack, probe);
            List<List<BenchReport.Round>> roundsByCase = new ArrayList<>();
            cases.forEach(c -> roundsByCase.add(new ArrayList<>()));
            for (int round = 1; round <= rounds; round++) {
                for (int i = 0; i < cases.size(); i++) {
                    BenchCase c = cases.get(i);
                    long seed = 1_000L * round + i;
                    // Alternate which side goes first, so neither always runs on a cooler or warmer machine.
                    BenchReport.Round result = measure(stack, probe, c, seed, round % 2 == 0);
                    roundsByCase.get(i).add(result);
                    say(out, String.format(java.util.Locale.ROOT,
                            "round %d, %s: raw %.1f MB/s (%.1f files/s), upload %.1f MB/s (%.1f clips/s), ratio %.2f",
                            round, c.label(), result.raw().megabytesPerSecond(), result.raw().perSecond(),
                            result.upload().megabytesPerSecond(), result.upload().perSecond(), result.ratio()));
                }
            }
            for (int i = 0; i < cases.size(); i++) {
                BenchCase c = cases.get(i);
                double target = c.sizeBytes() >= LARGE_THRESHOLD ? 0.60 : 0.50;
                results.add(new BenchReport.CaseResult(c, target, roundsByCase.get(i)));
            }
        }
        String report = BenchReport.render(results, concurrency, commandLine());
        out.println();
        out.println(report);
        out.flush();
        if (output != null) {
            Files.writeString(output, report);
            say(out, "Report written to " + output.toAbsolutePath());
        }
        return CommandLine.ExitCode.OK;
    }

    private void warmUp(BenchStack stack, KafkaAckProbe probe) throws Exception {
        for (BenchCase c : cases) {
            int clips = Math.min(c.clips(), c.sizeBytes() >= LARGE_THRESHOLD ? 2 : 50);
            measure(stack, probe, new BenchCase(c.sizeBytes(), clips), 7L, false);
        }
    }

    private BenchReport.Round measure(BenchStack stack, KafkaAckProbe probe, BenchCase c, long seed,
                                      boolean uploadFirst)
            throws Exception {
        List<Mp4Clip> raw = rawClips(c, seed);
        List<ClipUpload> uploads = uploads(stack, c, seed);
        RateResult rawResult;
        RateResult uploadResult;
        if (uploadFirst) {
            uploadResult = UploadRate.measure(uploads, concurrency, stack.ingestUrl());
            rawResult = RawWriteRate.measure(raw, concurrency, stack.rawDir());
        } else {
            rawResult = RawWriteRate.measure(raw, concurrency, stack.rawDir());
            uploadResult = UploadRate.measure(uploads, concurrency, stack.ingestUrl());
        }
        double kafkaAck = probe.medianAckMillis();
        stack.deleteBlobs();
        return new BenchReport.Round(rawResult, uploadResult, kafkaAck);
    }

    private static List<Mp4Clip> rawClips(BenchCase c, long seed) {
        List<Mp4Clip> clips = new ArrayList<>();
        for (int i = 0; i < c.clips(); i++) {
            clips.add(new Mp4Clip(new ClipSpec(c.sizeBytes(), 10_000, 1280, 960, 36, true,
                    Instant.parse("2026-11-28T10:00:00Z"), -(seed * 100_000 + i))));
        }
        return clips;
    }

    /** Fresh clips (new ids, new content) for every round: nothing is "already accepted" or deduplicated. */
    private List<ClipUpload> uploads(BenchStack stack, BenchCase c, long seed) throws Exception {
        FleetSettings settings = FleetSettings.of(stack.ingestUrl(), vehicles, c.clips(), BenchStack.FLEET_SECRET)
                .withClipBytes(c.sizeBytes(), c.sizeBytes())
                .withMetadata(new MetadataSettings(seed * 31 + c.sizeBytes(), MetadataSettings.DEFAULT_FLEET_START,
                        0, 0));
        SimulatedClips clips = new SimulatedClips(settings);
        List<ClipUpload> uploads = new ArrayList<>();
        for (int i = 0; i < c.clips(); i++) {
            uploads.add(clips.task(i % vehicles + 1, i / vehicles).prepare().call());
        }
        return uploads;
    }

    private String commandLine() {
        StringBuilder command = new StringBuilder("clipstream bench ingest");
        for (BenchCase c : cases) {
            command.append(" --case ").append(c.label().replace(" ", "").replace(".0", "")).append(':')
                    .append(c.clips());
        }
        command.append(" --concurrency ").append(concurrency).append(" --rounds ").append(rounds);
        return command.toString();
    }

    private static void say(PrintWriter out, String line) {
        out.println(line);
        out.flush();
    }
}
