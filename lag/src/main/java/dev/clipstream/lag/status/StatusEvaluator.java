package dev.clipstream.lag.status;

import dev.clipstream.lag.model.LagStatus;
import java.util.ArrayList;
import java.util.List;

import java.util.TreeSet;

/**
 * Burrow-style status of a group from a window of samples (oldest first). Pure: no I/O, no clock.
 * <ul>
 *   <li>ERROR: the latest sample could not read the offsets.</li>
 *   <li>STOPPED: the latest sample has no members and lag above zero.</li>
 *   <li>STALLED: a partition had lag above zero in every sample of a full window and its committed offset never
 *       moved.</li>
 *   <li>WARNING: a partition's lag was above zero in every sample, never fell and ended higher than it began,
 *       while the group kept committing.</li>
 *   <li>OK: otherwise; also whenever the latest lag is zero, so an idle topic whose consumer is caught up and
 *       commits nothing is never "stalled".</li>
 * </ul>
 * STALLED and WARNING need at least {@code minSamples} samples: a window shorter than the commit interval of a
 * healthy consumer would call it stalled.
 */
public final class StatusEvaluator {

    private final int minSamples;

    public StatusEvaluator(int minSamples) {
        if (minSamples < 2) {
            throw new IllegalArgumentException("minSamples must be >= 2 (a trend needs two points), was " + minSamples);
        }
        this.minSamples = minSamples;
    }

    public int minSamples() {
        return minSamples;
    }

    public StatusVerdict evaluate(List<GroupSample> window) {
        if (window.isEmpty()) {
            return new StatusVerdict(LagStatus.OK, "no samples yet");
        }
        GroupSample latest = window.get(window.size() - 1);
        if (!latest.offsetsReadable()) {
            return new StatusVerdict(LagStatus.ERROR, "offsets cannot be read: " + latest.error());
        }
        long lag = latest.totalLag();
        if (lag <= 0) {
            boolean anyDefined = latest.partitions().values().stream().anyMatch(p -> p.lag() != null);
            return new StatusVerdict(LagStatus.OK, anyDefined || latest.partitions().isEmpty() ? "no lag"
                    : "lag undefined: no committed offsets yet");
        }
        if (latest.members() == 0) {
            return new StatusVerdict(LagStatus.STOPPED, "no members while " + lag + " records are unconsumed");
        }
        List<GroupSample> readable = readableSuffix(window);
        if (readable.size() < minSamples) {
            return new StatusVerdict(LagStatus.OK, "lag " + lag + "; " + readable.size() + " of " + minSamples
                    + " samples needed for a trend");
        }
        List<String> stalled = new ArrayList<>();
        List<String> growing = new ArrayList<>();
        for (String partition : new TreeSet<>(latest.partitions().keySet())) {
            List<PartitionSample> series = series(readable, partition);
            if (series == null) {
                continue;
            }
            if (isStalled(series)) {
                stalled.add(partition);
            } else if (isGrowing(series)) {
                growing.add(partition);
            }
        }
        if (!stalled.isEmpty()) {
            return new StatusVerdict(LagStatus.STALLED, "committed offset did not move over " + readable.size()
                    + " samples while lag > 0 on " + describe(stalled));
        }
        if (!growing.isEmpty()) {
            return new StatusVerdict(LagStatus.WARNING, "lag grew across " + readable.size() + " samples on "
                    + describe(growing));
        }
        return new StatusVerdict(LagStatus.OK, "lag " + lag + ", not growing");
    }

    /** The trailing samples that read offsets: an ERROR sample breaks a trend. */
    private static List<GroupSample> readableSuffix(List<GroupSample> window) {
        int start = window.size();
        while (start > 0 && window.get(start - 1).offsetsReadable()) {
            start--;
        }
        return window.subList(start, window.size());
    }

    /** The partition's samples, or null when a sample lacks it or its lag is undefined somewhere. */
    private static List<PartitionSample> series(List<GroupSample> samples, String partition) {
        List<PartitionSample> series = new ArrayList<>(samples.size());
        for (GroupSample sample : samples) {
            PartitionSample p = sample.partitions().get(partition);
            if (p == null || p.lag() == null || p.committedOffset() == null) {
                return null;
            }
            series.add(p);
        }
        return series;
    }

    private static boolean isStalled(List<PartitionSample> series) {
        long first = series.get(0).committedOffset();
        for (PartitionSample p : series) {
            if (p.lag() <= 0 || p.committedOffset() != first) {
                return false;
            }
        }
        return true;
    }

    private static boolean isGrowing(List<PartitionSample> series) {
        for (int i = 0; i < series.size(); i++) {
            if (series.get(i).lag() <= 0 || (i > 0 && series.get(i).lag() < series.get(i - 1).lag())) {
                return false;
            }
        }
        return series.get(series.size() - 1).lag() > series.get(0).lag();
    }

    private static String describe(List<String> partitions) {
        return partitions.size() <= 3 ? String.join(", ", partitions)
                : String.join(", ", partitions.subList(0, 3)) + " and " + (partitions.size() - 3) + " more";
    }

}
