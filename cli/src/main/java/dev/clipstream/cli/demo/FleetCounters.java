package dev.clipstream.cli.demo;

import dev.clipstream.fleet.sim.FleetListener;
import dev.clipstream.fleet.upload.ClipOutcome;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Counts the fleet's uploads as they end: what ingest answered, from the uploaders' side. */
final class FleetCounters implements FleetListener {

    private long uploaded;
    private long accepted;
    private final Map<String, Long> refusedByKind = new HashMap<>();
    private final Set<String> createdClipIds = new HashSet<>();

    @Override
    public synchronized void clipFinished(ClipOutcome outcome) {
        uploaded++;
        if (outcome.accepted()) {
            accepted++;
            if (outcome.status() == ClipOutcome.Status.CREATED) {
                createdClipIds.add(outcome.clipId().toString());
            }
        } else {
            String kind = outcome.result() == null || outcome.result().errorKind() == null ? "unknown"
                    : outcome.result().errorKind();
            refusedByKind.merge(kind, 1L, Long::sum);
        }
    }

    synchronized long uploaded() {
        return uploaded;
    }

    synchronized long accepted() {
        return accepted;
    }

    synchronized Map<String, Long> refusedByKind() {
        return Map.copyOf(new TreeMap<>(refusedByKind));
    }

    /** Clips ingest answered 201 for: each must have its event on clips.uploaded. */
    synchronized Set<String> createdClipIds() {
        return Set.copyOf(createdClipIds);
    }
}
