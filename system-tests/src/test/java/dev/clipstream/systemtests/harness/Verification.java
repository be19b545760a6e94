package dev.clipstream.systemtests.harness;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The verifier's findings for one pipeline run. Counts are of distinct clip or batch ids; the lists name them so a
 * failing test says which.
 *
 * @param clipsIn                 distinct clips on clips.uploaded (plus clips ingest accepted that never got there)
 * @param uploadEvents            records on clips.uploaded (more than clipsIn when ingest published a clip twice)
 * @param batched                 clips in at least one live batch
 * @param rejected                clips not batched and on clips.rejected with a reason
 * @param missing                 clips in neither place (or accepted by ingest and absent from clips.uploaded)
 * @param duplicated              clips in two batch records of one campaign, batched and also rejected (beyond one
 *                                DUPLICATE rejection per extra upload event), or rejected more often than uploaded
 * @param unknownInBatches        batched clips that are not on clips.uploaded at all
 * @param unexpectedClips         clips on clips.uploaded that the caller did not expect (when it gave expectations)
 * @param batches                 distinct live batch ids
 * @param batchRecordsDuplicated  batch ids written to training.batches more than once
 * @param batchesCompleted        live batches with a COMPLETED dispatch event
 * @param batchesCompletedTwice   batches with two or more COMPLETED dispatch events
 * @param batchesNotCompleted     live batches without a COMPLETED dispatch event
 * @param jobsSucceededTwice      batches with more than one SUCCEEDED job over all backends (when jobs were read)
 * @param batchedClipIds          the clips in live batches
 * @param rejectReasons           clips.rejected records by reason
 */
public record Verification(int clipsIn, int uploadEvents, int batched, int rejected, List<String> missing,
                           List<String> duplicated, List<String> unknownInBatches, List<String> unexpectedClips,
                           int batches, List<String> batchRecordsDuplicated, int batchesCompleted,
                           List<String> batchesCompletedTwice, List<String> batchesNotCompleted,
                           List<String> jobsSucceededTwice, Set<String> batchedClipIds,
                           Map<String, Integer> rejectReasons) {

    public Verification {
        missing = List.copyOf(missing);
        duplicated = List.copyOf(duplicated);
        unknownInBatches = List.copyOf(unknownInBatches);
        unexpectedClips = List.copyOf(unexpectedClips);
        batchRecordsDuplicated = List.copyOf(batchRecordsDuplicated);
        batchesCompletedTwice = List.copyOf(batchesCompletedTwice);
        batchesNotCompleted = List.copyOf(batchesNotCompleted);
        jobsSucceededTwice = List.copyOf(jobsSucceededTwice);
        batchedClipIds = Set.copyOf(batchedClipIds);
        rejectReasons = Map.copyOf(rejectReasons);
    }

    /** Clips accounted for: in a batch or rejected with a reason. */
    public int clipsOut() {
        return batched + rejected;
    }

    /** Every clip accounted for and every batch completed: the pipeline has finished with this input. */
    public boolean settled() {
        return missing.isEmpty() && batchesNotCompleted.isEmpty();
    }

    /** The violations in words; empty when the run is clean. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        addIfAny(problems, "missing clips (neither batched nor rejected)", missing);
        addIfAny(problems, "duplicated clips", duplicated);
        addIfAny(problems, "batched clips never uploaded", unknownInBatches);
        addIfAny(problems, "uploaded clips nobody pushed", unexpectedClips);
        addIfAny(problems, "batch ids written twice to training.batches", batchRecordsDuplicated);
        addIfAny(problems, "batches completed twice", batchesCompletedTwice);
        addIfAny(problems, "batches not completed", batchesNotCompleted);
        addIfAny(problems, "batches whose job succeeded twice on the backends", jobsSucceededTwice);
        return problems;
    }

    private static void addIfAny(List<String> problems, String what, List<String> ids) {
        if (!ids.isEmpty()) {
            problems.add(ids.size() + " " + what + ": " + (ids.size() > 10 ? ids.subList(0, 10) + " ..." : ids));
        }
    }

    /** Throws with every violation named unless nothing was lost, duplicated or completed twice. */
    public Verification assertNothingLostOrDuplicated() {
        List<String> problems = problems();
        if (!problems.isEmpty()) {
            throw new AssertionError("Pipeline verification failed: " + String.join("; ", problems)
                    + System.lineSeparator() + "  " + summary());
        }
        return this;
    }

    /** One line of figures for logs and assertion messages. */
    public String summary() {
        return String.format("clipsIn=%d uploadEvents=%d batched=%d rejected=%d missing=%d duplicated=%d "
                        + "batches=%d completed=%d completedTwice=%d notCompleted=%d jobsSucceededTwice=%d reasons=%s",
                clipsIn, uploadEvents, batched, rejected, missing.size(), duplicated.size(), batches,
                batchesCompleted, batchesCompletedTwice.size(), batchesNotCompleted.size(), jobsSucceededTwice.size(),
                new java.util.TreeMap<>(rejectReasons));
    }
}
