package dev.clipstream.fleet.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;

/** Runs N operations on C threads (each takes the next index when done) and times them, as both sides need. */
final class ConcurrentRun {

    /** One operation; returns false when it failed (not counted in the latency histogram). */
    @FunctionalInterface
    interface Operation {
        boolean run(int index) throws Exception;
    }

    record Timing(Duration elapsed, Histogram latencyMicros, int failed) {
    }

    private ConcurrentRun() {
    }

    static Timing run(int operations, int concurrency, Operation operation) throws InterruptedException {
        Histogram latency = new ConcurrentHistogram(TimeUnit.MINUTES.toMicros(30), 3);
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        AtomicReference<Exception> error = new AtomicReference<>();
        List<Thread> threads = new ArrayList<>();
        long started = System.nanoTime();
        for (int t = 0; t < concurrency; t++) {
            Thread thread = new Thread(() -> {
                int index;
                while (error.get() == null && (index = next.getAndIncrement()) < operations) {
                    long begin = System.nanoTime();
                    try {
                        if (operation.run(index)) {
                            latency.recordValue(Math.max(1, (System.nanoTime() - begin) / 1000));
                        } else {
                            failed.incrementAndGet();
                        }
                    } catch (Exception e) {
                        error.compareAndSet(null, e);
                    }
                }
            }, "bench-worker-" + t);
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
        if (error.get() != null) {
            throw new IllegalStateException("A benchmark operation failed: " + error.get().getMessage(), error.get());
        }
        return new Timing(elapsed, latency, failed.get());
    }

    static double millis(Histogram histogram, double percentile) {
        return histogram.getTotalCount() == 0 ? Double.NaN : histogram.getValueAtPercentile(percentile) / 1000.0;
    }
}
