package dev.clipstream.fleet.upload;

import java.time.Duration;

/** What the uploader reports while it works, for progress lines and summaries. Implementations are thread-safe. */
public interface UploadEvents {

    UploadEvents NONE = new UploadEvents() {
    };

    /** An attempt failed with an error of this kind; {@code retrying} says whether another attempt follows. */
    default void attemptFailed(String kind, boolean retrying, Duration wait) {
    }

    /** A clip's upload ended. */
    default void finished(UploadResult result) {
    }
}
