package dev.clipstream.replay.publish;

import java.time.Duration;

/**
 * What one publication did.
 *
 * @param total            batches in the manifest
 * @param alreadyPublished batches an earlier (interrupted) run had committed, skipped now
 * @param published        batches this run committed
 * @param clipsPublished   clips in the batches this run committed
 * @param stopped          true when a stop request ended the run before every batch was published
 */
public record PublishResult(String manifestId, int total, int alreadyPublished, int published, long clipsPublished,
                            double videoSecondsPublished, int transactions, boolean stopped, Duration elapsed) {

    public boolean complete() {
        return alreadyPublished + published == total;
    }

    public double batchesPerSecond() {
        return elapsed.isZero() ? 0 : published / (elapsed.toNanos() / 1e9);
    }

    public double clipsPerSecond() {
        return elapsed.isZero() ? 0 : clipsPublished / (elapsed.toNanos() / 1e9);
    }
}
