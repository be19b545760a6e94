package dev.clipstream.cli.bench.pipeline;

import dev.clipstream.fleet.metadata.MetadataSettings;
import dev.clipstream.fleet.progress.UploadStats;
import dev.clipstream.fleet.sim.FleetSettings;
import dev.clipstream.fleet.sim.SimulatedClips;
import dev.clipstream.fleet.upload.ClipUpload;
import dev.clipstream.fleet.upload.IngestClient;
import dev.clipstream.fleet.upload.RetryPolicy;
import dev.clipstream.fleet.upload.Sleeper;
import dev.clipstream.fleet.upload.UploadResult;
import dev.clipstream.fleet.upload.Uploader;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * Pushes simulated clips into ingest over HTTP with the fleet's own uploader (retries on 429/5xx), either as fast as
 * a fixed number of uploads in flight allows (closed loop), or at a fixed rate (open loop: upload i starts at
 * start + i / rate, whatever the earlier ones are doing). Each 201 is noted in the {@link LatencyTracker} at the moment
 * the client got it: the start of the latencies.
 */
final class UploadDriver {

    private final URI ingestUri;
    private final int vehicles;
    private final String fleetSecret;
    private final long clipBytes;
    private final Uploader uploader;
    private final UploadStats stats = new UploadStats();

    UploadDriver(URI ingestUri, int vehicles, String fleetSecret, long clipBytes) {
        this.ingestUri = ingestUri;
        this.vehicles = vehicles;
        this.fleetSecret = fleetSecret;
        this.clipBytes = clipBytes;
        this.uploader = new Uploader(new IngestClient(ingestUri, Duration.ofSeconds(10), Duration.ofMinutes(2)),
                new RetryPolicy(8, Duration.ofMillis(100), Duration.ofSeconds(2), Duration.ofSeconds(5)),
                Sleeper.REAL, stats);
    }

    /** Fresh clips for a round (new ids and content for every seed), digests computed before any clock starts. */
    List<ClipUpload> prepare(long seed, int clips) throws Exception {
        int perVehicle = (clips + vehicles - 1) / vehicles;
        // The fleet's usual share of clips that labeling must reject (implausible metadata, no privacy attestation).
        FleetSettings settings = FleetSettings.of(ingestUri, vehicles, perVehicle, fleetSecret)
                .withClipBytes(clipBytes, clipBytes)
                .withMetadata(MetadataSettings.defaults(seed));
        SimulatedClips source = new SimulatedClips(settings);
        List<ClipUpload> uploads = new ArrayList<>(clips);
        for (int i = 0; i < clips; i++) {
            uploads.add(source.task(i % vehicles + 1, i / vehicles).prepare().call());
        }
        return uploads;
    }

    /**
     * @param created    uploads answered 201 (a new clip: one event on clips.uploaded)
     * @param failed     uploads that gave up (final 4xx or retries exhausted)
     * @param retries    attempts that were retried (429, 5xx, connection errors)
     * @param startNanos when the first upload began
     * @param endNanos   when the last upload ended
     * @param lastFailure why the last failed upload gave up, null if none failed
     */
    record Result(int created, int alreadyAccepted, int failed, long retries, long startNanos, long endNanos,
                  String lastFailure) {
        double clipsPerSecond() {
            return created / Math.max((endNanos - startNanos) / 1e9, 1e-9);
        }
    }

    /** {@code concurrency} uploads in flight until all are done. */
    Result closedLoop(List<ClipUpload> uploads, int concurrency, LatencyTracker tracker, AtomicInteger done)
            throws InterruptedException {
        long retriesBefore = stats.snapshot().retries();
        AtomicInteger next = new AtomicInteger();
        Counters counters = new Counters();
        long start = System.nanoTime();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < concurrency; t++) {
            Thread thread = new Thread(() -> {
                int index;
                while (counters.error.get() == null && (index = next.getAndIncrement()) < uploads.size()) {
                    upload(uploads.get(index), tracker, counters);
                    done.incrementAndGet();
                }
            }, "bench-upload-" + t);
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        return counters.result(start, System.nanoTime(), stats.snapshot().retries() - retriesBefore);
    }

    /** Uploads started at {@code clipsPerSecond}, each on its own worker (up to {@code maxInFlight} at once). */
    Result atRate(List<ClipUpload> uploads, double clipsPerSecond, int maxInFlight, LatencyTracker tracker,
                  AtomicInteger done) throws Exception {
        long retriesBefore = stats.snapshot().retries();
        Counters counters = new Counters();
        ExecutorService workers = Executors.newFixedThreadPool(maxInFlight, runnable -> {
            Thread thread = new Thread(runnable, "bench-upload-rate");
            thread.setDaemon(true);
            return thread;
        });
        long start = System.nanoTime();
        long intervalNanos = (long) (1e9 / clipsPerSecond);
        List<Future<?>> futures = new ArrayList<>();
        try {
            for (int i = 0; i < uploads.size() && counters.error.get() == null; i++) {
                long due = start + i * intervalNanos;
                long wait;
                while ((wait = due - System.nanoTime()) > 0) {
                    LockSupport.parkNanos(wait);
                }
                ClipUpload upload = uploads.get(i);
                futures.add(workers.submit(() -> {
                    upload(upload, tracker, counters);
                    done.incrementAndGet();
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        } finally {
            workers.shutdownNow();
            workers.awaitTermination(10, TimeUnit.SECONDS);
        }
        return counters.result(start, System.nanoTime(), stats.snapshot().retries() - retriesBefore);
    }

    private void upload(ClipUpload upload, LatencyTracker tracker, Counters counters) {
        try {
            UploadResult result = uploader.upload(upload);
            long acknowledged = System.nanoTime();
            switch (result.outcome()) {
                case CREATED -> {
                    tracker.acknowledged(upload.clipId(), acknowledged);
                    counters.created.incrementAndGet();
                }
                case ALREADY_ACCEPTED -> counters.alreadyAccepted.incrementAndGet();
                case FAILED -> {
                    counters.failed.incrementAndGet();
                    counters.lastFailure.set(result.errorKind() + ": " + result.message());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            counters.error.compareAndSet(null, e);
        } catch (RuntimeException e) {
            counters.error.compareAndSet(null, e);
        }
    }

    private static final class Counters {
        final AtomicInteger created = new AtomicInteger();
        final AtomicInteger alreadyAccepted = new AtomicInteger();
        final AtomicInteger failed = new AtomicInteger();
        final AtomicReference<String> lastFailure = new AtomicReference<>();
        final AtomicReference<Exception> error = new AtomicReference<>();

        Result result(long start, long end, long retries) {
            if (error.get() != null) {
                throw new IllegalStateException("An upload failed unexpectedly: " + error.get().getMessage(),
                        error.get());
            }
            return new Result(created.get(), alreadyAccepted.get(), failed.get(), retries, start, end,
                    lastFailure.get());
        }
    }
}
