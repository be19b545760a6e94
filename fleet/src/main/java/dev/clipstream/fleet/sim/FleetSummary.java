package dev.clipstream.fleet.sim;

import dev.clipstream.fleet.progress.UploadStats;
import dev.clipstream.fleet.upload.ClipOutcome;
import java.util.List;
import java.util.UUID;

/**
 * The end of a run: totals and every clip's outcome, so a caller (the demo, a test) can account for each clip.
 *
 * @param outcomes one per clip the run handled, in completion order
 */
public record FleetSummary(UploadStats.Snapshot totals, List<ClipOutcome> outcomes) {

    public FleetSummary {
        outcomes = List.copyOf(outcomes);
    }

    /** Clips ingest holds after this run: created now, found already accepted now, or accepted by an earlier run. */
    public List<UUID> acceptedClipIds() {
        return outcomes.stream().filter(ClipOutcome::accepted).map(ClipOutcome::clipId).toList();
    }

    /** Clips that got a 201 in this run: exactly the ones with a new event on clips.uploaded. */
    public List<UUID> createdClipIds() {
        return outcomes.stream().filter(o -> o.status() == ClipOutcome.Status.CREATED)
                .map(ClipOutcome::clipId).toList();
    }

    public List<ClipOutcome> failures() {
        return outcomes.stream().filter(o -> !o.accepted()).toList();
    }

    public boolean allAccepted() {
        return failures().isEmpty();
    }
}
