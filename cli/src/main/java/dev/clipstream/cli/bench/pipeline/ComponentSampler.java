package dev.clipstream.cli.bench.pipeline;

import dev.clipstream.devstack.service.ProcessStats;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * CPU time and resident memory (VmRSS) of each process of the pipeline over one measured span: CPU as the difference
 * between the end and the start, memory as the peak of samples taken every {@code interval}, plus the peak of the sum
 * over the processes sampled at the same moment (the figure the 1.5 GB target is about). Processes named in
 * {@code outsideTotal} (the benchmark's own JVM) are measured but left out of that sum.
 */
final class ComponentSampler implements AutoCloseable {

    /**
     * @param cpuSeconds    CPU time (user + system) the process used during the span
     * @param cores         cpuSeconds / wall seconds: how many cores it kept busy on average
     * @param peakRssBytes  highest VmRSS sampled; -1 if unknown (not Linux)
     */
    record Usage(String component, long pid, double cpuSeconds, double cores, long peakRssBytes) {
    }

    /** One measured span. */
    record Span(List<Usage> usages, long peakTotalRssBytes, double wallSeconds) {
        double totalCpuSeconds() {
            return usages.stream().mapToDouble(Usage::cpuSeconds).sum();
        }
    }

    private final Map<String, Long> pids;
    private final Set<String> outsideTotal;
    private final Map<String, Duration> cpuAtStart = new LinkedHashMap<>();
    private final Map<String, Long> peakRss = new LinkedHashMap<>();
    private final long startNanos;
    private final Thread thread;
    private long peakTotal;
    private volatile boolean running = true;

    private ComponentSampler(Map<String, Long> pids, Set<String> outsideTotal, Duration interval) {
        this.pids = new LinkedHashMap<>(pids);
        this.outsideTotal = Set.copyOf(outsideTotal);
        for (Map.Entry<String, Long> entry : this.pids.entrySet()) {
            cpuAtStart.put(entry.getKey(), ProcessStats.of(entry.getValue()).cpuTime());
            peakRss.put(entry.getKey(), -1L);
        }
        this.startNanos = System.nanoTime();
        sample();
        this.thread = new Thread(() -> {
            while (running) {
                try {
                    Thread.sleep(interval.toMillis());
                } catch (InterruptedException e) {
                    return;
                }
                sample();
            }
        }, "bench-pipeline-sampler");
        this.thread.setDaemon(true);
    }

    /** Starts sampling the processes (name to pid, in report order). */
    static ComponentSampler start(Map<String, Long> pids, Set<String> outsideTotal, Duration interval) {
        ComponentSampler sampler = new ComponentSampler(pids, outsideTotal, interval);
        sampler.thread.start();
        return sampler;
    }

    private synchronized void sample() {
        long total = 0;
        for (Map.Entry<String, Long> entry : pids.entrySet()) {
            long rss = ProcessStats.of(entry.getValue()).residentBytes();
            if (rss > 0) {
                if (!outsideTotal.contains(entry.getKey())) {
                    total += rss;
                }
                peakRss.merge(entry.getKey(), rss, Math::max);
            }
        }
        peakTotal = Math.max(peakTotal, total);
    }

    /** Stops sampling and returns the span's figures. */
    synchronized Span finish() {
        running = false;
        thread.interrupt();
        sample();
        double wall = (System.nanoTime() - startNanos) / 1e9;
        List<Usage> usages = new ArrayList<>();
        for (Map.Entry<String, Long> entry : pids.entrySet()) {
            Duration cpu = ProcessStats.of(entry.getValue()).cpuTime().minus(cpuAtStart.get(entry.getKey()));
            double cpuSeconds = Math.max(0, cpu.toNanos() / 1e9);
            usages.add(new Usage(entry.getKey(), entry.getValue(), cpuSeconds, cpuSeconds / Math.max(wall, 1e-9),
                    peakRss.get(entry.getKey())));
        }
        return new Span(usages, peakTotal, wall);
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
