package dev.clipstream.cli.demo;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The end of a demo run: the last figures, what the outage showed, the memory peak. {@link #succeeded()} decides the
 * exit code: every clip ingest accepted is batched, rejected with a reason, or still in flight (none unaccounted),
 * and no clip is both batched and rejected.
 *
 * @param peakResidentBytes highest total resident memory sampled during the run
 * @param peakByProcess     the per-process figures of that sample
 */
public record DemoSummary(DemoFigures figures, Duration wallTime, OutageScript.State outage, long fallbacks,
                          long returns, boolean drained, long peakResidentBytes, Map<String, Long> peakByProcess) {

    public DemoSummary {
        peakByProcess = Map.copyOf(peakByProcess);
    }

    public boolean succeeded() {
        return figures.clips().unaccounted() == 0 && figures.clips().inconsistent() == 0;
    }

    public List<String> lines() {
        DemoFigures f = figures;
        ClipAccount c = f.clips();
        DispatchTotals d = f.dispatch();
        List<String> lines = new ArrayList<>();
        lines.add("");
        lines.add("Summary (wall time " + Texts.seconds(wallTime) + ")" + (drained ? ""
                : "  -- the drain period ended with clips or batches still in flight"));
        row(lines, "Clips uploaded by the fleet", f.uploaded(), "");
        row(lines, "  refused by ingest", f.refused(), Texts.counts(f.refusedByIngest()));
        row(lines, "  accepted by ingest", f.acceptedByIngest(), "");
        row(lines, "Clips on clips.uploaded", c.accepted(), "every one accounted for below");
        row(lines, "  batched", c.batched(), "in at least one training batch");
        if (c.rejectedByReason().isEmpty()) {
            row(lines, "  rejected", 0, "");
        }
        c.rejectedByReason().forEach((reason, count) -> row(lines, "  rejected: " + reason, count, ""));
        row(lines, "  still in flight", c.inFlight(), String.format(Locale.ROOT,
                "waiting for labeling %d, inside labeling %d, in open batches %d", c.waitingForLabeling(),
                c.inLabeling(), c.inOpenBatch()));
        row(lines, "  UNACCOUNTED", c.unaccounted(), c.unaccounted() == 0 ? "(must be 0)"
                : "LOST: " + String.join("; ", c.unaccountedSample()));
        if (c.inconsistent() > 0) {
            row(lines, "  batched AND rejected", c.inconsistent(), "inconsistent (must be 0)");
        }
        row(lines, "Labeled (clips.labeled)", f.labeled(), "labeled and matched to a campaign");
        row(lines, "Training batches", d.batches(), d.batchedClipSlots() + " clip slots (a clip of two campaigns "
                + "is in two batches)");
        row(lines, "Jobs placed", sum(d.placedByBackend()), Texts.counts(d.placedByBackend()));
        row(lines, "Failed attempts (retried)", sum(d.failedByBackend()), Texts.counts(d.failedByBackend()));
        row(lines, "Batches completed", d.completed(), Texts.counts(d.completedByBackend()) + "; "
                + d.completedClips() + " clip slots; Dojo " + Texts.percent(d.share(LiveView.DOJO)) + ", Nvidia "
                + Texts.percent(d.share(LiveView.NVIDIA)));
        row(lines, "Batches still in flight", d.inFlight(), "not completed yet (waiting, placed or running)");
        lines.add(String.format(Locale.ROOT, "  %-34s %s", "Dojo outage", switch (outage) {
            case RECOVERED, DOWN -> fallbacks + " batches fell back to Nvidia while Dojo was down; " + returns
                    + " placed on Dojo after it returned";
            case PLANNED, SKIPPED -> "not injected (the run ended before its start, or before Dojo completed a "
                    + "batch)";
        }));
        lines.add(String.format(Locale.ROOT, "  %-34s %s (peak total; %s)", "Resident memory",
                Texts.megabytes(peakResidentBytes), peakByProcess.entrySet().stream()
                        .map(e -> e.getKey() + " " + Texts.megabytes(e.getValue()))
                        .reduce((a, b) -> a + ", " + b).orElse("unknown")));
        lines.add("");
        lines.add(succeeded() ? "Result: OK - every accepted clip is batched, rejected with a reason, or in flight."
                : "Result: FAILED - " + c.unaccounted() + " clip(s) unaccounted, " + c.inconsistent()
                + " both batched and rejected.");
        return lines;
    }

    private static long sum(Map<String, Long> counts) {
        return counts.values().stream().mapToLong(Long::longValue).sum();
    }

    private static void row(List<String> lines, String label, long value, String note) {
        lines.add(String.format(Locale.ROOT, "  %-34s %8d   %s", label, value, note).stripTrailing());
    }
}
