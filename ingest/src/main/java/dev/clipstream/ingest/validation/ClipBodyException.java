package dev.clipstream.ingest.validation;

import java.io.IOException;

/**
 * The body stream refused the clip while it was read: too large, or not the declared video container. An
 * IOException so that it passes through stream APIs; the HTTP layer maps {@link #kind()} to a status.
 */
public class ClipBodyException extends IOException {

    public enum Kind { TOO_LARGE, NOT_A_VIDEO_CONTAINER }

    private final Kind kind;

    public ClipBodyException(Kind kind, String message) {
        super(message);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}
