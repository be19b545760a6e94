package dev.clipstream.fleet.upload;

import dev.clipstream.fleet.metadata.Anomaly;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.Callable;

/**
 * One clip to upload, before its bytes and digest exist: {@link #prepare} builds the request (and hashes the body) on a
 * worker thread, so preparing runs as concurrently as uploading.
 *
 * @param clipId  known up front for simulated clips (derived from the seed), so a resumed run skips accepted clips
 *                without hashing them; null when it is derived from the content (files)
 * @param anomaly what is deliberately wrong with a simulated clip's metadata; NONE for real files
 */
public record ClipTask(String vehicleId, UUID clipId, Anomaly anomaly, Callable<ClipUpload> prepare) {

    public ClipTask {
        Objects.requireNonNull(vehicleId, "vehicleId");
        Objects.requireNonNull(anomaly, "anomaly");
        Objects.requireNonNull(prepare, "prepare");
    }
}
