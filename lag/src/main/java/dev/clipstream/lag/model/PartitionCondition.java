package dev.clipstream.lag.model;

/** What is special about one partition's figures; {@link #NORMAL} when nothing is. */
public enum PartitionCondition {
    /** Committed offset inside the log: lag is end minus committed (markers at the front skipped). */
    NORMAL,
    /** The group has no committed offset here: lag is undefined, not zero. */
    NO_COMMITTED_OFFSET,
    /** Retention deleted records the group never consumed: the committed offset is below the log start; lag counts
     *  from the log start (what the group can still read) and the lost range is reported apart. */
    BEHIND_LOG_START,
    /** Committed offset beyond the last stable offset (e.g. a read_uncommitted consumer inside an open
     *  transaction, or a recreated topic): lag 0, flagged. */
    AHEAD_OF_END,
    /** Log start or end offset of the partition could not be read. */
    UNREADABLE
}
