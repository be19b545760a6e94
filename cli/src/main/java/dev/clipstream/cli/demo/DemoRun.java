package dev.clipstream.cli.demo;

import dev.clipstream.backends.api.BackendFaults;
import dev.clipstream.cli.pipeline.LocalPipeline;
import dev.clipstream.cli.pipeline.PipelineOptions;
import dev.clipstream.cli.pipeline.PipelineService;
import dev.clipstream.devstack.DevStack;
import dev.clipstream.devstack.DevStackOptions;
import dev.clipstream.devstack.process.WorkDirs;
import dev.clipstream.fleet.auth.FleetTokens;
import dev.clipstream.fleet.metadata.MetadataSettings;
import dev.clipstream.fleet.sim.FleetSettings;
import dev.clipstream.fleet.sim.FleetSimulation;
import dev.clipstream.fleet.sim.SimulatedClips;
import dev.clipstream.fleet.sim.UploadSession;
import dev.clipstream.fleet.upload.RetryPolicy;
import dev.clipstream.lag.model.GroupLag;
import dev.clipstream.lag.model.LagSnapshot;
import dev.clipstream.lag.model.PartitionLag;
import dev.clipstream.lag.monitor.LagMonitor;
import dev.clipstream.lag.monitor.LagSettings;
import dev.clipstream.lag.monitor.PipelineGroups;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * One {@code clipstream demo}: devstack, the five services in this JVM (LocalPipeline), the lag monitor, a paced
 * simulated fleet over HTTP, a Dojo outage midway, a live view, a drain, the summary. {@link #close} stops everything
 * and removes every directory the run created; it is idempotent and safe from a shutdown hook.
 */
final class DemoRun implements AutoCloseable {

    private static final Duration TICK = Duration.ofSeconds(1);
    private static final Duration PLAIN_EVERY = Duration.ofSeconds(5);
    /** Commit interval, batch check interval and lag sampling on top of the batch age limit. */
    private static final Duration OPEN_BATCH_GRACE = Duration.ofSeconds(15);
    private static final Duration CATCH_UP_TIMEOUT = Duration.ofSeconds(30);
    private static final String LABELING_GROUP = PipelineGroups.LABELING;

    private final DemoSettings settings;
    private final PrintWriter out;
    private final ClipAccounting accounting;
    private final TerminalView view;
    private final CountDownLatch closedLatch = new CountDownLatch(1);
    private final long startNanos = System.nanoTime();

    private volatile boolean closing;
    private Path logDir;
    private Path logFile;
    private PrintStream originalErr;
    private PrintStream logStream;
    private DevStack stack;
    private LocalPipeline pipeline;
    private LagMonitor lag;
    private PipelineTally tally;
    private OutageScript outage;
    private FleetCounters fleet;
    private UploadSession session;
    private PacedClips paced;
    private Thread fleetThread;
    private volatile long fleetStartNanos;
    private volatile long fleetEndNanos;
    private volatile Throwable fleetFailure;
    private long peakResident = -1;
    private Map<String, Long> peakByProcess = Map.of();
    private DemoSummary summary;

    DemoRun(DemoSettings settings, PrintWriter out) {
        this.settings = settings;
        this.out = out;
        this.accounting = new ClipAccounting(settings.batchMaxAge().plus(OPEN_BATCH_GRACE));
        this.view = new TerminalView(out, settings.ansi(), PLAIN_EVERY, settings.columns());
    }

    /** Runs the demo to its summary (and, with --keep-running, until {@link #close}); returns the exit code. */
    int run() throws InterruptedException {
        redirectLogs();
        out.printf("Clipstream demo: a local Kafka + schema registry, ingest, labeling, dispatch, simulated Dojo and "
                + "Nvidia backends and a lag monitor, then %d simulated vehicles uploading for %s.%n",
                settings.vehicles(), Texts.seconds(settings.duration()));
        out.println("Service logs go to " + logFile + (logDir != null ? " (removed on exit)" : "")
                + ". Ctrl-C stops everything and removes all data.");
        out.flush();

        out.println("Starting Kafka and the schema registry...");
        out.flush();
        stack = DevStack.start(DevStackOptions.defaults());
        checkNotClosing();
        out.println("Starting ingest, labeling, dispatch and the Dojo + Nvidia simulators; creating topics, "
                + "registering schemas, seeding 3 campaigns...");
        out.flush();
        pipeline = LocalPipeline.start(pipelineOptions());
        checkNotClosing();
        lag = LagMonitor.start(LagSettings.defaults().withInterval(TICK).withWeb("127.0.0.1", 0),
                stack.bootstrapServers(), pipeline.catalog());
        tally = new PipelineTally(stack.bootstrapServers(), pipeline.catalog());
        printAddresses();

        outage = new OutageScript(new BackendFaults(pipeline.backendUri(PipelineService.DOJO)), settings.outageAt(),
                settings.outageFor(), view::message);
        startFleet();
        runFleetPhase();
        drain();
        summary = summarize();
        summary.lines().forEach(out::println);
        out.flush();
        int exitCode = summary.succeeded() ? 0 : 1;
        if (settings.keepRunning() && !closing) {
            printKeepRunning();
            closedLatch.await();
        }
        return exitCode;
    }

    DemoSummary summary() {
        return summary;
    }

    private PipelineOptions pipelineOptions() {
        String batchAge = settings.batchMaxAge().toMillis() + "ms";
        return PipelineOptions.defaults(stack.bootstrapServers(), stack.schemaRegistryUrl(), null)
                .withFleetSecret(DemoSettings.FLEET_SECRET)
                .withVehicles(settings.vehicles())
                .withSeed(settings.seed())
                .withSeedCampaigns(true)
                // Batches close by time during the demo, so clips reach training within seconds.
                .withConfig(PipelineService.LABELING, "labeling.batch.max.age", batchAge)
                .withConfig(PipelineService.LABELING, "labeling.batch.check.interval", "500ms")
                // The only fault is the one the demo injects: no random outages, maintenance, preemptions or
                // capacity changes.
                .withConfig(PipelineService.DOJO, "backend.outage.rate.per.day", "0")
                .withConfig(PipelineService.DOJO, "backend.maintenance.period", "0s")
                .withConfig(PipelineService.DOJO, "backend.maintenance.length", "0s")
                .withConfig(PipelineService.NVIDIA, "backend.preemption.rate.per.hour", "0")
                .withConfig(PipelineService.NVIDIA, "backend.supply.interval", "0s")
                // Ctrl-C also reaches the broker (same process group): do not wait long for a broker going away.
                .withConfig(PipelineService.INGEST, "ingest.shutdown.timeout", "5s")
                .withConfig(PipelineService.LABELING, "labeling.shutdown.timeout", "5s")
                .withConfig(PipelineService.DISPATCH, "dispatch.shutdown.timeout", "5s");
    }

    private void printAddresses() {
        Map<PipelineService, URI> management = pipeline.managementUris();
        out.println();
        out.println("Up and running:");
        out.println("  Ingest upload API   " + pipeline.ingestUri() + "/v1/vehicles/{vehicleId}/clips/{clipId}");
        out.println("  Lag page            " + lag.pageUri() + "   (JSON: " + lag.apiUri() + ")");
        out.println("  Lag metrics         " + lag.metricsUri());
        for (PipelineService service : PipelineService.values()) {
            out.printf("  %-19s %s%n", service.displayName() + " metrics", management.get(service).resolve("/metrics"));
        }
        out.println("  Kafka               " + stack.bootstrapServers() + "   registry " + stack.schemaRegistryUrl());
        out.println("  Data (removed on exit): devstack " + stack.workDir() + ", pipeline " + pipeline.workDir()
                + (logDir != null ? ", logs " + logDir : ""));
        out.println();
        out.flush();
    }

    private void startFleet() {
        fleet = new FleetCounters();
        FleetSettings fleetSettings = new FleetSettings(pipeline.ingestUri(), settings.vehicles(), 0,
                settings.duration(), settings.minClipBytes(), settings.maxClipBytes(), 16, DemoSettings.FLEET_SECRET,
                null, MetadataSettings.defaults(settings.seed()), RetryPolicy.defaults(), Duration.ofSeconds(5),
                Duration.ofSeconds(60), Duration.ofSeconds(1));
        session = FleetSimulation.session(fleetSettings, fleet);
        paced = new PacedClips(new SimulatedClips(fleetSettings), settings.clipsPerSecond());
        fleetStartNanos = System.nanoTime();
        fleetThread = new Thread(() -> {
            try {
                session.run(paced);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (Throwable e) {
                fleetFailure = e;
            } finally {
                fleetEndNanos = System.nanoTime();
            }
        }, "clipstream-demo-fleet");
        fleetThread.start();
    }

    private void runFleetPhase() throws InterruptedException {
        while (fleetThread.isAlive()) {
            checkNotClosing();
            DemoFigures figures = figures("fleet uploading");
            tickOutage(figures, true);
            view.update(figures);
            fleetThread.join(TICK.toMillis());
        }
        if (fleetFailure != null) {
            throw new IllegalStateException("The simulated fleet failed: " + fleetFailure, fleetFailure);
        }
    }

    private void tickOutage(DemoFigures figures, boolean moreToCome) {
        outage.tick(fleetElapsed(), Instant.now(), figures.dispatch().completed(LiveView.DOJO), outage.fallbacks(tally),
                moreToCome);
    }

    private void drain() throws InterruptedException {
        checkNotClosing(); // a Ctrl-C that stopped the fleet is not the end of the fleet run
        long deadline = System.nanoTime() + settings.drainTimeout().toNanos();
        view.message(String.format("Fleet stopped after %s; waiting up to %s for clips and batches in flight...",
                Texts.seconds(fleetElapsed()), Texts.seconds(settings.drainTimeout())));
        while (System.nanoTime() < deadline) {
            checkNotClosing();
            DemoFigures figures = figures("draining");
            tickOutage(figures, figures.clips().inFlight() > 0);
            view.update(figures);
            if (outage.state() != OutageScript.State.DOWN && figures.clips().inFlight() == 0
                    && figures.dispatch().inFlight() == 0
                    && figures.clips().accepted() >= fleet.createdClipIds().size()) {
                break;
            }
            TimeUnit.MILLISECONDS.sleep(TICK.toMillis());
        }
        outage.endIfDown(Instant.now());
    }

    private DemoSummary summarize() throws InterruptedException {
        // The labeling app's progress first, then everything committed on the topics up to now: a clip read by
        // labeling before the progress snapshot has its outputs in what the tally reads after it.
        Instant before = Instant.now();
        LagSnapshot snapshot = awaitLagSnapshotAfter(before);
        boolean caughtUp = tally.catchUp(CATCH_UP_TIMEOUT);
        DemoFigures last = figures("done", progress(snapshot));
        view.finish(last);
        if (!caughtUp) {
            out.println("Warning: the topics could not be read to their end within " + CATCH_UP_TIMEOUT.toSeconds()
                    + " s; figures may be incomplete.");
        }
        boolean drained = last.clips().inFlight() == 0 && last.dispatch().inFlight() == 0;
        return new DemoSummary(last, elapsed(), outage.state(), outage.fallbacks(tally), outage.returns(tally),
                drained, peakResident, peakByProcess);
    }

    private LagSnapshot awaitLagSnapshotAfter(Instant instant) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (System.nanoTime() < deadline) {
            Optional<LagSnapshot> latest = lag.latest();
            if (latest.isPresent() && latest.get().takenAt().isAfter(instant)) {
                return latest.get();
            }
            TimeUnit.MILLISECONDS.sleep(100);
        }
        throw new IllegalStateException("The lag monitor produced no evaluation for 20 s; see the service log");
    }

    private DemoFigures figures(String phase) {
        return figures(phase, progress(lag.latest().orElse(null)));
    }

    private DemoFigures figures(String phase, LabelingProgress progress) {
        MemoryUsage.Sample memory = MemoryUsage.sample();
        if (memory.totalBytes() > peakResident) {
            peakResident = memory.totalBytes();
            peakByProcess = memory.byProcess();
        }
        Instant now = Instant.now();
        ClipAccount clips = accounting.account(tally.clips(), fleet.createdClipIds(), progress, now);
        List<DemoFigures.GroupLagLine> lagLines = new ArrayList<>();
        lag.latest().ifPresent(snapshot -> snapshot.groups().forEach(group -> lagLines.add(
                new DemoFigures.GroupLagLine(group.group(), group.recordLag(), group.status().name()))));
        return new DemoFigures(phase, elapsed(), fleetElapsed(), settings.duration(), settings.vehicles(),
                fleet.uploaded(), fleet.accepted(), fleet.refusedByKind(), clips, tally.labeled(), tally.dispatch(),
                lagLines, outage.describe(tally, now), memory.totalBytes());
    }

    /** Labeling's committed offsets on clips.uploaded and its lag on its own repartition topics. */
    private LabelingProgress progress(LagSnapshot snapshot) {
        if (snapshot == null) {
            return LabelingProgress.NOTHING_READ;
        }
        Optional<GroupLag> group = snapshot.group(LABELING_GROUP);
        if (group.isEmpty()) {
            return LabelingProgress.NOTHING_READ;
        }
        String uploaded = pipeline.catalog().clipsUploaded().name();
        Map<Integer, Long> committed = new HashMap<>();
        long internal = 0;
        for (PartitionLag partition : group.get().partitions()) {
            if (partition.topic().equals(uploaded)) {
                if (partition.committedOffset() != null) {
                    committed.put(partition.partition(), partition.committedOffset());
                }
            } else if (partition.topic().startsWith(LABELING_GROUP + "-")) {
                // Unknown lag (null) is not known to be zero: count it as one record still to read.
                internal += partition.recordLag() == null ? 1 : partition.recordLag();
            }
        }
        return new LabelingProgress(committed, internal);
    }

    private void printKeepRunning() {
        String vehicle = FleetTokens.vehicleId(1);
        String token = new FleetTokens(DemoSettings.FLEET_SECRET).token(vehicle);
        URI ingest = pipeline.ingestUri();
        out.println();
        out.println("--keep-running: the stack stays up until Ctrl-C. Explore it:");
        out.println("  Lag page: " + lag.pageUri() + "   lag metrics: " + lag.metricsUri());
        out.println("  Push your own video files as vehicle " + vehicle + " (vehicles veh-00001..veh-"
                + String.format("%05d", settings.vehicles()) + " may upload; fleet secret '"
                + DemoSettings.FLEET_SECRET + "'):");
        out.println("    bin/clipstream push --ingest-url " + ingest + " --vehicle " + vehicle + " --token " + token
                + " --blur-model blur-2026.10.1 my-drive.mp4");
        out.println("  More simulated clips:");
        out.println("    bin/clipstream push --ingest-url " + ingest + " --fleet-secret " + DemoSettings.FLEET_SECRET
                + " --vehicles " + settings.vehicles() + " --clips 5 --clip-size 300KB --seed 7");
        out.println("  Or with curl (metadata is base64url JSON; see README, Ingest HTTP API v1):");
        out.println("    f=my-drive.mp4; id=$(cat /proc/sys/kernel/random/uuid)");
        out.println("    meta=$(printf '%s' '{\"camera\":\"FRONT_MAIN\",\"captureStart\":\"2026-11-28T21:14:03Z\","
                + "\"captureEnd\":\"2026-11-28T21:14:13Z\",\"durationMillis\":10000,\"resolution\":{\"width\":1280,"
                + "\"height\":960},\"framesPerSecond\":36,\"codec\":\"H265\",\"triggerId\":\"manual\",\"location\":"
                + "{\"minLatitude\":37.39,\"minLongitude\":-122.15,\"maxLatitude\":37.40,\"maxLongitude\":-122.14},"
                + "\"speed\":{\"minKph\":0,\"maxKph\":54,\"meanKph\":31},\"firmwareVersion\":\"2026.44.1\"}' "
                + "| base64 -w0 | tr '+/' '-_' | tr -d '=')");
        out.println("    curl -sS -X PUT " + ingest + "/v1/vehicles/" + vehicle + "/clips/$id -H 'Authorization: Bearer "
                + token + "' -H 'Content-Type: video/mp4' -H \"Clip-Sha256: $(sha256sum $f | cut -d' ' -f1)\" "
                + "-H \"Clip-Metadata: $meta\" --data-binary @$f");
        out.println("Press Ctrl-C to stop everything and remove all data.");
        out.flush();
    }

    private Duration elapsed() {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }

    private Duration fleetElapsed() {
        if (fleetStartNanos == 0) {
            return Duration.ZERO;
        }
        long end = fleetEndNanos != 0 ? fleetEndNanos : System.nanoTime();
        return Duration.ofNanos(end - fleetStartNanos);
    }

    private void checkNotClosing() {
        if (closing) {
            throw new DemoInterruptedException();
        }
    }

    /** Thrown in the demo's thread once a Ctrl-C has started closing the run. */
    static final class DemoInterruptedException extends RuntimeException {
        DemoInterruptedException() {
            super("The demo was stopped", null, false, false);
        }
    }

    /** The service logs go to a file for the run: on a terminal they would tear the live view apart. */
    private void redirectLogs() {
        try {
            if (settings.logFile() == null) {
                logDir = Files.createTempDirectory("clipstream-demo-");
                logFile = logDir.resolve("demo.log");
            } else {
                logFile = settings.logFile();
                Files.createDirectories(logFile.getParent());
            }
            logStream = new PrintStream(Files.newOutputStream(logFile), true, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("Cannot create the demo's log file: " + e.getMessage(), e);
        }
        originalErr = System.err;
        System.setErr(logStream);
    }

    /** The last lines of the service log, for an error message. */
    List<String> logTail(int lines) {
        if (logFile == null) {
            return List.of();
        }
        try {
            List<String> all = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            return all.subList(Math.max(0, all.size() - lines), all.size());
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }

    boolean closing() {
        return closing;
    }

    /** Stops the fleet, the reader, the lag monitor, the services and the devstack; removes every directory. */
    @Override
    public synchronized void close() {
        if (closedLatch.getCount() == 0) {
            return;
        }
        closing = true;
        if (paced != null) {
            paced.stop();
        }
        if (session != null) {
            session.stop();
        }
        if (fleetThread != null) {
            try {
                fleetThread.join(Duration.ofSeconds(15).toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        closeQuietly(tally);
        closeQuietly(lag);
        closeQuietly(pipeline);
        closeQuietly(stack);
        if (originalErr != null) {
            System.setErr(originalErr);
        }
        if (logStream != null) {
            logStream.close();
        }
        try {
            if (logDir != null) {
                WorkDirs.deleteRecursively(logDir);
            }
        } catch (RuntimeException e) {
            out.println("Could not remove " + logDir + ": " + e.getMessage());
        }
        closedLatch.countDown();
    }

    private void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            out.println("Stopping " + closeable.getClass().getSimpleName() + " failed: " + e.getMessage());
            out.flush();
        }
    }
}
