package dev.clipstream.fleet.sim;

import dev.clipstream.fleet.progress.UploadStats;
import dev.clipstream.fleet.upload.ClipOutcome;

/** Follows a fleet run: periodic progress and each clip's outcome. Called from other threads than the caller's. */
public interface FleetListener {

    FleetListener NONE = new FleetListener() {
    };

    default void progress(UploadStats.Snapshot snapshot) {
    }

    default void clipFinished(ClipOutcome outcome) {
    }
}
