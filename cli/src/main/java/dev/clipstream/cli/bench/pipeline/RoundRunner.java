package dev.clipstream.cli.bench.pipeline;

import dev.clipstream.cli.CommandFailedException;
import dev.clipstream.fleet.upload.ClipUpload;
import dev.clipstream.schemas.topic.TopicCatalog;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs one push of clips through the pipeline and watches it until every clip has left it (rejected, or labeled and
 * in a dispatched batch): starts the monitor consumer at the topics' ends, samples the processes, pushes, prints
 * progress, and collects the figures.
 */
final class RoundRunner {

    private static final Duration PROGRESS_INTERVAL = Duration.ofSeconds(3);
    private static final Duration SAMPLE_INTERVAL = Duration.ofMillis(500);
    private static final Duration WARMUP_GRACE = Duration.ofSeconds(10);

    /** How the clips go in: closed loop at a concurrency, or at a rate. */
    @FunctionalInterface
    interface Push {
        UploadDriver.Result push(List<ClipUpload> uploads, LatencyTracker tracker, AtomicInteger done)
                throws Exception;
    }

    private final String bootstrapServers;
    private final TopicCatalog catalog;
    private final Map<String, Long> pids;
    private final PrintWriter out;
    private final Duration timeout;

    RoundRunner(String bootstrapServers, TopicCatalog catalog, Map<String, Long> pids, UploadDriver driver,
                PrintWriter out, Duration timeout) {
        this.bootstrapServers = bootstrapServers;
        this.catalog = catalog;
        this.pids = pids;
        this.out = out;
        this.timeout = timeout;
    }

    /**
     * What one push measured.
     *
     * @param startNanos when the first upload started (the time axis' zero)
     */
    record Outcome(UploadDriver.Result uploads, LatencyTracker.Progress progress, long uploadedRecords,
                   LatencySummary ackToLabeled, LatencySummary ackToDispatched, double endToEndClipsPerSecond,
                   Map<Stage, Double> stageRecordsPerSecond, Map<Stage, List<Long>> recordsPerSecondSeries,
                   Map<Stage, List<Long>> clipsPerSecondSeries, Map<Stage, List<Integer>> valueSizes,
                   ComponentSampler.Span components) {

        PipelineRound toRound(int round, Map<Stage, CeilingRun> ceiling) {
            return new PipelineRound(round, progress.acknowledged(), progress.labeled(), progress.rejected(),
                    progress.dispatched(), uploadedRecords, uploads.failed(), uploads.retries(), endToEndClipsPerSecond,
                    uploads.clipsPerSecond(), stageRecordsPerSecond, recordsPerSecondSeries, clipsPerSecondSeries,
                    ackToLabeled, ackToDispatched, ceiling, components);
        }

        HalfLoadRun toHalfLoad(double targetClipsPerSecond) {
            return new HalfLoadRun(targetClipsPerSecond, uploads.clipsPerSecond(), progress.acknowledged(),
                    progress.labeled(), uploads.failed(), ackToLabeled, ackToDispatched, components);
        }
    }

    Outcome run(String label, List<ClipUpload> uploads, Push push, boolean warmup) throws InterruptedException {
        LatencyTracker tracker = new LatencyTracker();
        AtomicInteger done = new AtomicInteger();
        try (StageMonitor monitor = StageMonitor.open(bootstrapServers, catalog, tracker);
             ComponentSampler sampler = ComponentSampler.start(pids, Set.of(PipelineBenchReport.CLIENT),
                     SAMPLE_INTERVAL)) {
            long start = System.nanoTime();
            ThroughputTimeline timeline = new ThroughputTimeline(start);
            monitor.begin(timeline);
            CompletableFuture<UploadDriver.Result> pushing = CompletableFuture.supplyAsync(() -> {
                try {
                    return push.push(uploads, tracker, done);
                } catch (RuntimeException e) {
                    throw e;
                } catch (Exception e) {
                    throw new IllegalStateException(e.getMessage(), e);
                }
            });
            long deadline = start + timeout.toNanos();
            long nextProgress = start + PROGRESS_INTERVAL.toNanos();
            UploadDriver.Result result = null;
            LatencyTracker.Progress progress = tracker.progress();
            long warmupSettledSince = -1;
            while (true) {
                monitor.checkHealthy();
                if (result == null && pushing.isDone()) {
                    result = uploadResult(pushing, label);
                }
                progress = tracker.progress();
                long now = System.nanoTime();
                if (result != null && progress.complete(result.created())) {
                    break;
                }
                if (result != null && warmup && everyStageSeen(progress, timeline)) {
                    warmupSettledSince = warmupSettledSince < 0 ? now : warmupSettledSince;
                    if (now - warmupSettledSince > WARMUP_GRACE.toNanos()) {
                        break;
                    }
                }
                if (now > deadline) {
                    pushing.cancel(true);
                    throw new CommandFailedException(String.format(Locale.ROOT, "%s: not every clip left the "
                                    + "pipeline within %d s: %s of %d uploads sent; %d clips neither labeled nor "
                                    + "rejected. Look at the services' logs (kept until the run ends).", label,
                            timeout.toSeconds(), progress, uploads.size(), tracker.unaccounted().size()), null);
                }
                if (now >= nextProgress) {
                    nextProgress = now + PROGRESS_INTERVAL.toNanos();
                    PipelineBenchCommand.say(out, String.format(Locale.ROOT, "%s  %5.1f s  uploads done %d/%d  "
                                    + "labeled %d  rejected %d  in a dispatched batch %d", label, (now - start) / 1e9,
                            done.get(), uploads.size(), progress.labeled(), progress.rejected(),
                            progress.dispatched()));
                }
                Thread.sleep(50);
            }
            long end = System.nanoTime();
            ComponentSampler.Span span = sampler.finish();
            if (result.failed() > 0) {
                throw new CommandFailedException(label + ": " + result.failed() + " of " + uploads.size()
                        + " uploads failed (last: " + result.lastFailure() + "); the figures would not be comparable",
                        null);
            }
            List<Long> dispatched = tracker.reachedTimes(Stage.DISPATCHED);
            double endToEnd = dispatched.isEmpty() ? 0 : dispatched.size()
                    / Math.max((dispatched.get(dispatched.size() - 1) - result.startNanos()) / 1e9, 1e-3);
            int seconds = (int) Math.ceil((end - start) / 1e9);
            Map<Stage, Double> rates = new EnumMap<>(Stage.class);
            Map<Stage, List<Long>> recordSeries = new EnumMap<>(Stage.class);
            Map<Stage, List<Long>> clipSeries = new EnumMap<>(Stage.class);
            Map<Stage, List<Integer>> sizes = new EnumMap<>(Stage.class);
            for (Stage stage : Stage.values()) {
                rates.put(stage, timeline.meanRate(stage, end));
                recordSeries.put(stage, timeline.perSecond(stage, seconds));
                List<Long> clipCounts = ThroughputTimeline.bucket(tracker.reachedTimes(stage), start);
                while (clipCounts.size() < seconds) {
                    clipCounts.add(0L);
                }
                clipSeries.put(stage, clipCounts);
                sizes.put(stage, monitor.valueSizes(stage));
            }
            return new Outcome(result, progress, timeline.total(Stage.UPLOADED),
                    LatencySummary.of(tracker.ackToLabeled()), LatencySummary.of(tracker.ackToDispatched()), endToEnd,
                    rates, recordSeries, clipSeries, sizes, span);
        }
    }

    /**
     * The warm-up only has to warm up and show every stage once. Right after start the catch-all campaign may not
     * have reached labeling yet, so its first clips can be labeled without a campaign and never be batched: once
     * every clip is labeled or rejected and every stage has been seen, the warm-up waits {@link #WARMUP_GRACE} for the
     * rest and then goes on.
     */
    private static boolean everyStageSeen(LatencyTracker.Progress progress, ThroughputTimeline timeline) {
        if (progress.labeled() + progress.rejected() < progress.acknowledged()) {
            return false;
        }
        for (Stage stage : Stage.values()) {
            if (timeline.total(stage) == 0) {
                return false;
            }
        }
        return progress.dispatched() > 0;
    }

    private static UploadDriver.Result uploadResult(CompletableFuture<UploadDriver.Result> pushing, String label)
            throws InterruptedException {
        try {
            return pushing.get(0, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new CommandFailedException(label + ": the uploads failed: " + e.getCause().getMessage(),
                    e.getCause());
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("A completed future timed out", e);
        }
    }
}
