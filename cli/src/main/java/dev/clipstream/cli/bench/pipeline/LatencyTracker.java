package dev.clipstream.cli.bench.pipeline;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.HdrHistogram.Histogram;

/**
 * Joins what the upload client saw (the 201 of a clip, in System.nanoTime) with what a read_committed consumer saw
 * (the clip on clips.labeled or clips.rejected, the batch holding it on training.batches, the batch's PLACED event on
 * dispatch.events), and turns it into per-clip latencies. Only clips acknowledged in this round count.
 *
 * <p>Events may be observed in any order: a consumer fetching several topics can hand out a batch's PLACED event before
 * the batch, and on a fast path the labeled record can even be seen before the upload thread has noted its 201. So
 * everything is kept as first-seen times and joined when asked; a clip seen labeled "before" its ack counts as 0.
 */
final class LatencyTracker {

    private final Map<UUID, Long> acknowledged = new ConcurrentHashMap<>();
    private final Map<UUID, Long> labeled = new ConcurrentHashMap<>();
    private final Map<UUID, Long> rejected = new ConcurrentHashMap<>();
    private final Map<UUID, List<UUID>> batchesOfClip = new ConcurrentHashMap<>();
    private final Map<UUID, Long> batchedAt = new ConcurrentHashMap<>();
    private final Map<UUID, Long> placed = new ConcurrentHashMap<>();

    void acknowledged(UUID clipId, long nanos) {
        acknowledged.putIfAbsent(clipId, nanos);
    }

    void labeled(UUID clipId, long nanos) {
        labeled.putIfAbsent(clipId, nanos);
    }

    void rejected(UUID clipId, long nanos) {
        rejected.putIfAbsent(clipId, nanos);
    }

    void batched(UUID batchId, Collection<UUID> clipIds, long nanos) {
        for (UUID clipId : clipIds) {
            batchesOfClip.computeIfAbsent(clipId, id -> new CopyOnWriteArrayList<>()).add(batchId);
            batchedAt.putIfAbsent(clipId, nanos);
        }
    }

    /** The first PLACED event of a batch: its job was accepted by a backend. */
    void placed(UUID batchId, long nanos) {
        placed.putIfAbsent(batchId, nanos);
    }

    int acknowledgedCount() {
        return acknowledged.size();
    }

    /** When the clip's earliest-placed batch was placed, or -1 if none of its batches is placed yet. */
    long dispatchedNanos(UUID clipId) {
        List<UUID> batches = batchesOfClip.get(clipId);
        if (batches == null) {
            return -1;
        }
        long first = Long.MAX_VALUE;
        for (UUID batch : batches) {
            Long at = placed.get(batch);
            if (at != null) {
                first = Math.min(first, at);
            }
        }
        return first == Long.MAX_VALUE ? -1 : first;
    }

    /** What became of this round's clips so far. */
    Progress progress() {
        int labeledCount = 0;
        int rejectedCount = 0;
        int dispatchedCount = 0;
        for (UUID clip : acknowledged.keySet()) {
            if (rejected.containsKey(clip)) {
                rejectedCount++;
            }
            if (labeled.containsKey(clip)) {
                labeledCount++;
                if (dispatchedNanos(clip) >= 0) {
                    dispatchedCount++;
                }
            }
        }
        return new Progress(acknowledged.size(), labeledCount, rejectedCount, dispatchedCount);
    }

    /**
     * @param acknowledged clips whose upload got a 201
     * @param labeled      of those, seen on clips.labeled
     * @param rejected     of those, seen on clips.rejected
     * @param dispatched   of the labeled ones, in a batch a backend accepted (PLACED)
     */
    record Progress(int acknowledged, int labeled, int rejected, int dispatched) {
        /** Every clip has left the pipeline: rejected, or labeled and dispatched in a batch. */
        boolean complete(int expected) {
            return acknowledged >= expected && rejected + dispatched >= acknowledged && labeled + rejected >= acknowledged;
        }

        @Override
        public String toString() {
            return acknowledged + " acknowledged, " + labeled + " labeled, " + rejected + " rejected, " + dispatched
                    + " in a dispatched batch";
        }
    }

    /** Upload acknowledged (201) to labeled (seen on clips.labeled read_committed), microseconds. */
    Histogram ackToLabeled() {
        Histogram histogram = LatencySummary.newHistogram();
        acknowledged.forEach((clip, ack) -> {
            Long at = labeled.get(clip);
            if (at != null) {
                record(histogram, at - ack);
            }
        });
        return histogram;
    }

    /** Upload acknowledged to the PLACED event of the first dispatched batch holding the clip, microseconds. */
    Histogram ackToDispatched() {
        Histogram histogram = LatencySummary.newHistogram();
        acknowledged.forEach((clip, ack) -> {
            long at = dispatchedNanos(clip);
            if (at >= 0) {
                record(histogram, at - ack);
            }
        });
        return histogram;
    }

    /**
     * When each of this round's clips reached the stage, sorted: acknowledged (UPLOADED), seen on clips.labeled,
     * seen in a batch on training.batches, in a batch seen PLACED on dispatch.events. Clips that did not get there
     * (rejected ones, for the later stages) are left out.
     */
    List<Long> reachedTimes(Stage stage) {
        List<Long> times = new ArrayList<>();
        for (Map.Entry<UUID, Long> clip : acknowledged.entrySet()) {
            long at = switch (stage) {
                case UPLOADED -> clip.getValue();
                case LABELED -> labeled.getOrDefault(clip.getKey(), -1L);
                case BATCHED -> batchedAt.getOrDefault(clip.getKey(), -1L);
                case DISPATCHED -> dispatchedNanos(clip.getKey());
            };
            if (at >= 0) {
                times.add(at);
            }
        }
        times.sort(null);
        return times;
    }

    /** Clips of this round never seen on clips.labeled nor clips.rejected, for the timeout message. */
    Set<UUID> unaccounted() {
        Set<UUID> missing = ConcurrentHashMap.newKeySet();
        for (UUID clip : acknowledged.keySet()) {
            if (!labeled.containsKey(clip) && !rejected.containsKey(clip)) {
                missing.add(clip);
            }
        }
        return missing;
    }

    private static void record(Histogram histogram, long nanos) {
        long micros = Math.max(0, nanos / 1000);
        histogram.recordValue(Math.min(micros, LatencySummary.HIGHEST_TRACKABLE_MICROS));
    }
}
