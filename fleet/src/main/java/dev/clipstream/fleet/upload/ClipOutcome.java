package dev.clipstream.fleet.upload;

import dev.clipstream.fleet.metadata.Anomaly;
import java.util.UUID;

/**
 * What became of one clip in a run.
 *
 * @param result the upload's result; null when the clip was not sent because the journal says an earlier run got it
 *               accepted ({@link Status#ACCEPTED_EARLIER})
 */
public record ClipOutcome(UUID clipId, String vehicleId, Status status, Anomaly anomaly, UploadResult result) {

    public enum Status {
        /** Ingest answered 201 in this run: a new ClipUploaded event. */
        CREATED,
        /** Ingest answered 200 (or a GET said so) in this run: it had the clip already, no new event. */
        ALREADY_ACCEPTED,
        /** The journal says an earlier run got it accepted; not sent. */
        ACCEPTED_EARLIER,
        /** Not accepted. */
        FAILED
    }

    public boolean accepted() {
        return status != Status.FAILED;
    }
}
