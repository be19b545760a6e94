package dev.clipstream.dispatch.policy;

/** Priority class of a batch: live work (new clips) and replayed datasets. */
public enum BatchPriority {
    LIVE,
    REPLAY
}
