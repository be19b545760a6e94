package dev.clipstream.labeling.config;

import java.time.Duration;

/**
 * When the batcher closes a campaign's open batch: at {@code maxClips} clips, at {@code maxBytes} bytes, or
 * {@code maxAge} after its first clip (wall-clock time), whichever comes first.
 *
 * @param checkInterval how often (wall-clock) open batches are checked for age and for closed campaigns
 */
public record BatchLimits(int maxClips, long maxBytes, Duration maxAge, Duration checkInterval) {

    /**
     * A training.batches record lists every clip of the batch (~370 B each) and must stay under that topic's value
     * size limit (512 KiB, TopicCatalog), or the dispatcher dead-letters it: 1000 clips leave room for longer ids.
     */
    public static final int MAX_CLIPS_PER_BATCH = 1000;

    public BatchLimits {
        if (maxClips < 1 || maxClips > MAX_CLIPS_PER_BATCH) {
            throw new IllegalArgumentException("Batch clip limit must be between 1 and " + MAX_CLIPS_PER_BATCH
                    + " (a batch record lists every clip and must fit the training.batches size limit), was "
                    + maxClips);
        }
        if (maxBytes < 1) {
            throw new IllegalArgumentException("Batch byte limit must be >= 1, was " + maxBytes);
        }
        if (maxAge.isZero() || maxAge.isNegative()) {
            throw new IllegalArgumentException("Batch maximum age must be positive, was " + maxAge);
        }
        if (checkInterval.isZero() || checkInterval.isNegative()) {
            throw new IllegalArgumentException("Batch check interval must be positive, was " + checkInterval);
        }
    }

    public static BatchLimits defaults() {
        return new BatchLimits(100, 4L * 1024 * 1024 * 1024, Duration.ofSeconds(60), Duration.ofSeconds(1));
    }
}
