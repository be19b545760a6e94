package dev.clipstream.replay.publish;

/** Told how a publication goes; the CLI draws its progress bar from it. Calls come from the publishing thread. */
public interface ReplayProgressListener {

    ReplayProgressListener NONE = new ReplayProgressListener() {
    };

    /** Before the first send: {@code alreadyPublished} of {@code total} batches were found published by an earlier run. */
    default void started(int total, int alreadyPublished) {
    }

    /** After a batch was handed to the producer (committed with its transaction later). */
    default void sent(int done, int total, long clipsDone) {
    }

    /** After a transaction committed: everything sent so far is durable. */
    default void committed(int done, int total) {
    }
}
