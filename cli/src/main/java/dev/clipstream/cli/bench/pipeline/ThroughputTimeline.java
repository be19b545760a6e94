package dev.clipstream.cli.bench.pipeline;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Records per second on each stage's topic, in one-second buckets from the start of a round, as a read_committed
 * consumer sees them appear. Also the first and last time a stage saw a record, for its mean rate.
 */
final class ThroughputTimeline {

    private static final long SECOND = 1_000_000_000L;

    private final long startNanos;
    private final Map<Stage, List<Long>> buckets = new EnumMap<>(Stage.class);
    private final Map<Stage, long[]> span = new EnumMap<>(Stage.class);
    private final Map<Stage, Long> totals = new EnumMap<>(Stage.class);

    ThroughputTimeline(long startNanos) {
        this.startNanos = startNanos;
        for (Stage stage : Stage.values()) {
            buckets.put(stage, new ArrayList<>());
            totals.put(stage, 0L);
        }
    }

    synchronized void record(Stage stage, long nanos, int records) {
        if (records <= 0) {
            return;
        }
        int second = (int) Math.max(0, (nanos - startNanos) / SECOND);
        List<Long> counts = buckets.get(stage);
        while (counts.size() <= second) {
            counts.add(0L);
        }
        counts.set(second, counts.get(second) + records);
        totals.merge(stage, (long) records, Long::sum);
        long[] firstLast = span.computeIfAbsent(stage, s -> new long[] {nanos, nanos});
        firstLast[0] = Math.min(firstLast[0], nanos);
        firstLast[1] = Math.max(firstLast[1], nanos);
    }

    synchronized long total(Stage stage) {
        return totals.get(stage);
    }

    /** Records per second for each whole second since the start (trailing seconds without records included up to {@code seconds}). */
    synchronized List<Long> perSecond(Stage stage, int seconds) {
        List<Long> counts = new ArrayList<>(buckets.get(stage));
        while (counts.size() < seconds) {
            counts.add(0L);
        }
        return counts;
    }

    /** Seconds covered by any stage's buckets. */
    synchronized int seconds() {
        return buckets.values().stream().mapToInt(List::size).max().orElse(0);
    }

    /**
     * Mean records/s between the stage's first and last record; with fewer than two distinct times (a single batch)
     * the rate over the round so far is used, never a division by zero.
     */
    synchronized double meanRate(Stage stage, long roundEndNanos) {
        long total = totals.get(stage);
        if (total == 0) {
            return 0;
        }
        long[] firstLast = span.get(stage);
        long elapsed = firstLast[1] - firstLast[0];
        if (elapsed < SECOND / 10) {
            elapsed = Math.max(roundEndNanos - startNanos, SECOND / 10);
        }
        return total * (double) SECOND / elapsed;
    }

    synchronized double peakRate(Stage stage) {
        return buckets.get(stage).stream().mapToLong(Long::longValue).max().orElse(0);
    }

    /** How many of {@code nanos} fall into each one-second bucket from {@code startNanos}; earlier ones go to bucket 0. */
    static List<Long> bucket(List<Long> nanos, long startNanos) {
        List<Long> counts = new ArrayList<>();
        for (long at : nanos) {
            int second = (int) Math.max(0, (at - startNanos) / SECOND);
            while (counts.size() <= second) {
                counts.add(0L);
            }
            counts.set(second, counts.get(second) + 1);
        }
        return counts;
    }
}
