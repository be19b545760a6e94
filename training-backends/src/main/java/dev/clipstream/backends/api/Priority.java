package dev.clipstream.backends.api;

/** How urgent a job is: live work goes before replayed datasets (the backend queues LIVE jobs first). */
public enum Priority {
    LIVE,
    REPLAY
}
