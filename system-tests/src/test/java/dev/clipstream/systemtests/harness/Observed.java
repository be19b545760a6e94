package dev.clipstream.systemtests.harness;

import java.util.List;

/**
 * What the pipeline wrote, as the verifier needs it: one entry per committed record of clips.uploaded,
 * clips.rejected, training.batches and dispatch.events, plus (optionally) every job record the training
 * backends hold. Plain data, so the verifier's rules are unit-tested on hand-made inputs.
 */
public record Observed(List<Upload> uploads, List<Rejection> rejections, List<Batch> batches,
                       List<DispatchRecord> dispatchEvents, List<BackendJob> backendJobs) {

    public Observed {
        uploads = List.copyOf(uploads);
        rejections = List.copyOf(rejections);
        batches = List.copyOf(batches);
        dispatchEvents = List.copyOf(dispatchEvents);
        backendJobs = List.copyOf(backendJobs);
    }

    /** A ClipUploaded record. */
    public record Upload(String clipId) {
    }

    /** A ClipRejected record: the clip id and the reject reason's symbol (e.g. DUPLICATE). */
    public record Rejection(String clipId, String reason) {
    }

    /** A TrainingBatch record; {@code live} is false for replayed batches (origin REPLAY), which are ignored. */
    public record Batch(String batchId, String campaignId, List<String> clipIds, boolean live) {
        public Batch {
            clipIds = List.copyOf(clipIds);
        }
    }

    /** A DispatchEvent record: batch id, decision symbol (e.g. COMPLETED) and backend (may be null). */
    public record DispatchRecord(String batchId, String decision, String backendId) {
    }

    /** A job record of a training backend: which batch, which backend, which state (e.g. SUCCEEDED). */
    public record BackendJob(String batchId, String backend, String state) {
    }
}
