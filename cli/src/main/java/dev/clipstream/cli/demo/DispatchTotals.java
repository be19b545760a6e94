package dev.clipstream.cli.demo;

import java.util.Map;
import java.util.TreeMap;

/**
 * Training batches and what the dispatcher did with them, from training.batches and dispatch.events.
 *
 * @param batches          batches on training.batches
 * @param batchedClipSlots clips in them, counted once per batch (a clip of two campaigns counts twice)
 * @param placedByBackend  PLACED decisions (job submitted) per backend; retries count again
 * @param failedByBackend  attempts that ended FAILED, PREEMPTED or CANCELLED, per backend
 * @param completedByBackend batches whose job succeeded, per backend
 * @param completedClips   clips in the completed batches
 */
public record DispatchTotals(long batches, long batchedClipSlots, Map<String, Long> placedByBackend,
                             Map<String, Long> failedByBackend, Map<String, Long> completedByBackend,
                             long completedClips) {

    public static final DispatchTotals EMPTY = new DispatchTotals(0, 0, Map.of(), Map.of(), Map.of(), 0);

    public DispatchTotals {
        placedByBackend = Map.copyOf(new TreeMap<>(placedByBackend));
        failedByBackend = Map.copyOf(new TreeMap<>(failedByBackend));
        completedByBackend = Map.copyOf(new TreeMap<>(completedByBackend));
    }

    public long completed() {
        return completedByBackend.values().stream().mapToLong(Long::longValue).sum();
    }

    /** Batches not yet completed: waiting, placed or running (a failed attempt is retried). */
    public long inFlight() {
        return batches - completed();
    }

    public long placed(String backend) {
        return placedByBackend.getOrDefault(backend, 0L);
    }

    public long completed(String backend) {
        return completedByBackend.getOrDefault(backend, 0L);
    }

    /** Share of completed batches on a backend, 0..1; 0 when none completed. */
    public double share(String backend) {
        long all = completed();
        return all == 0 ? 0 : (double) completed(backend) / all;
    }
}
