package dev.clipstream.lag.model;

/**
 * Health of one consumer group over the evaluation window, in the spirit of Burrow. Declared from best to worst, so
 * {@link #ordinal()} is the severity and the Prometheus gauge value.
 */
public enum LagStatus {
    /** Caught up, or lag that does not grow. */
    OK,
    /** Lag grew across the whole evaluation window while the group kept committing. */
    WARNING,
    /** A partition kept lag above zero for the whole window while its committed offset never moved. */
    STALLED,
    /** The group has no members and lag above zero: nobody is consuming. */
    STOPPED,
    /** The group's offsets (committed, log start or end) could not be read. */
    ERROR;

    public int severity() {
        return ordinal();
    }

    public LagStatus worse(LagStatus other) {
        return other.ordinal() > ordinal() ? other : this;
    }
}
