package dev.clipstream.fleet.upload;

import java.time.Duration;
import java.util.UUID;

/**
 * How the upload of one clip ended.
 *
 * @param attempts  requests made for it (GET checks not counted)
 * @param elapsed   from the first attempt to the final answer, waits included
 * @param errorKind the kind of the last error of a FAILED clip, e.g. "409 clip-conflict" or "connect-refused"
 */
public record UploadResult(UUID clipId, String vehicleId, Outcome outcome, int attempts, long bytes,
                           Duration elapsed, String blobUri, String errorKind, String message) {

    public enum Outcome {
        /** 201: a new clip, its event is on the topic. */
        CREATED,
        /** 200: the server already had this clip with this digest (a retry or a resumed run); no new event. */
        ALREADY_ACCEPTED,
        /** Not accepted: a final 4xx, or the attempts ran out. */
        FAILED
    }

    public boolean accepted() {
        return outcome != Outcome.FAILED;
    }
}
