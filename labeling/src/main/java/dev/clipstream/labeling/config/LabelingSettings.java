package dev.clipstream.labeling.config;

import java.time.Duration;
import java.util.Set;

/**
 * Everything the labeling topology's rules depend on, already parsed and validated. {@link LabelingConfig} makes
 * one from a service configuration; tests use {@link #defaults()} and the withers.
 *
 * @param duplicateWindow     a clip whose sha256 or clip id was seen less than this long before (by record
 *                            timestamp) is a duplicate; older entries are forgotten
 * @param purgeInterval       how often (wall-clock) expired duplicate and batch-membership entries are removed
 * @param allowedBlurModels   blur model versions whose attestation clears a clip for training
 * @param reviewConfidence    a labeled clip with any label below this confidence also goes to human review
 * @param membershipRetention how long the batcher remembers which clips a campaign's batches hold
 * @param datasetVersion      dataset version written on every batch (the dataset id is the campaign id)
 */
public record LabelingSettings(Duration duplicateWindow, Duration purgeInterval, PlausibilityLimits plausibility,
                               Set<String> allowedBlurModels, double reviewConfidence, BatchLimits batch,
                               Duration membershipRetention, int datasetVersion) {

    public LabelingSettings {
        requirePositive(duplicateWindow, "Duplicate window");
        requirePositive(purgeInterval, "Purge interval");
        requirePositive(membershipRetention, "Batch membership retention");
        allowedBlurModels = Set.copyOf(allowedBlurModels);
        if (reviewConfidence < 0 || reviewConfidence > 1) {
            throw new IllegalArgumentException("Review confidence must be in [0, 1], was " + reviewConfidence);
        }
        if (datasetVersion < 1) {
            throw new IllegalArgumentException("Dataset version must be >= 1, was " + datasetVersion);
        }
    }

    public static LabelingSettings defaults() {
        return new LabelingSettings(Duration.ofHours(24), Duration.ofMinutes(1), PlausibilityLimits.defaults(),
                Set.of("blur-2026.10.1", "blur-2026.08.3"), 0.6, BatchLimits.defaults(), Duration.ofDays(7), 1);
    }

    public LabelingSettings withBatch(BatchLimits newBatch) {
        return new LabelingSettings(duplicateWindow, purgeInterval, plausibility, allowedBlurModels,
                reviewConfidence, newBatch, membershipRetention, datasetVersion);
    }

    public LabelingSettings withReviewConfidence(double newConfidence) {
        return new LabelingSettings(duplicateWindow, purgeInterval, plausibility, allowedBlurModels, newConfidence,
                batch, membershipRetention, datasetVersion);
    }

    public LabelingSettings withDuplicateWindow(Duration newWindow) {
        return new LabelingSettings(newWindow, purgeInterval, plausibility, allowedBlurModels, reviewConfidence,
                batch, membershipRetention, datasetVersion);
    }

    private static void requirePositive(Duration duration, String what) {
        if (duration == null || duration.isZero() || duration.isNegative()) {
            throw new IllegalArgumentException(what + " must be positive, was " + duration);
        }
    }
}
