package dev.clipstream.cli.demo;

import java.time.Instant;

/**
 * What the demo has seen of one accepted clip on the pipeline's topics.
 *
 * @param partition     partition of its ClipUploaded record on clips.uploaded
 * @param offset        offset of that record
 * @param rejectReason  reason of its first ClipRejected record, null when none
 * @param labeledAt     when its LabeledClip record was written, null when none
 * @param batches       training batches holding it (more than one when it matched several campaigns)
 */
public record ClipFacts(String clipId, int partition, long offset, String rejectReason, Instant labeledAt,
                        int batches) {

    public boolean batched() {
        return batches > 0;
    }

    public boolean rejected() {
        return rejectReason != null;
    }
}
