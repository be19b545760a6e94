package dev.clipstream.cli.demo;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Puts every accepted clip in exactly one place (see {@link ClipAccount}). Pure: no I/O, no clock. */
public final class ClipAccounting {

    static final int SAMPLE = 5;

    private final Duration openBatchLimit;

    /**
     * @param openBatchLimit how long a labeled clip may wait for its batch to close before it counts as lost: the
     *                       batch age limit plus a grace for commit intervals and the batch check interval
     */
    public ClipAccounting(Duration openBatchLimit) {
        this.openBatchLimit = openBatchLimit;
    }

    /**
     * @param clips            every clip on clips.uploaded (read up to an end taken after {@code progress})
     * @param acceptedByIngest clip ids ingest answered 201 for; those missing from {@code clips} are unaccounted
     * @param progress         labeling's progress, taken before the topics were read
     * @param now              the time of the evaluation
     */
    public ClipAccount account(Collection<ClipFacts> clips, Set<String> acceptedByIngest, LabelingProgress progress,
                               Instant now) {
        long batched = 0;
        long waiting = 0;
        long inLabeling = 0;
        long inOpenBatch = 0;
        long unaccounted = 0;
        long inconsistent = 0;
        Map<String, Long> rejected = new HashMap<>();
        List<String> sample = new ArrayList<>();
        java.util.HashSet<String> seen = new java.util.HashSet<>();
        for (ClipFacts clip : clips) {
            seen.add(clip.clipId());
            if (clip.batched()) {
                batched++;
                if (clip.rejected()) {
                    inconsistent++;
                }
            } else if (clip.rejected()) {
                rejected.merge(clip.rejectReason(), 1L, Long::sum);
            } else if (!progress.hasRead(clip.partition(), clip.offset())) {
                waiting++;
            } else if (clip.labeledAt() != null) {
                if (progress.internalLag() > 0) {
                    // Labeled, but the batcher reads its own repartition topic and is behind: on its way there.
                    inLabeling++;
                } else if (Duration.between(clip.labeledAt(), now).compareTo(openBatchLimit) <= 0) {
                    inOpenBatch++;
                } else {
                    unaccounted++;
                    addSample(sample, clip.clipId() + " (labeled " + clip.labeledAt() + ", never batched)");
                }
            } else if (progress.internalLag() > 0) {
                inLabeling++;
            } else {
                unaccounted++;
                addSample(sample, clip.clipId() + " (read by labeling, no output)");
            }
        }
        long accepted = clips.size();
        for (String clipId : acceptedByIngest) {
            if (!seen.contains(clipId)) {
                accepted++;
                unaccounted++;
                addSample(sample, clipId + " (201 from ingest, not on clips.uploaded)");
            }
        }
        return new ClipAccount(accepted, batched, rejected, waiting, inLabeling, inOpenBatch, unaccounted,
                inconsistent, sample);
    }

    private static void addSample(List<String> sample, String entry) {
        if (sample.size() < SAMPLE) {
            sample.add(entry);
        }
    }
}
