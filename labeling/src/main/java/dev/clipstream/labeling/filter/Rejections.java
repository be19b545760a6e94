package dev.clipstream.labeling.filter;

import dev.clipstream.schemas.avro.ClipRejected;
import dev.clipstream.schemas.avro.ClipUploaded;
import dev.clipstream.schemas.avro.RejectReason;
import java.time.Instant;

/** Builds ClipRejected records; every rejecting step of the labeling app names itself as labeling/&lt;step&gt;. */
public final class Rejections {

    public static final String PLAUSIBILITY = "labeling/plausibility-filter";
    public static final String PRIVACY = "labeling/privacy-filter";
    public static final String DUPLICATES = "labeling/duplicate-filter";
    public static final String CAMPAIGNS = "labeling/campaign-matcher";
    public static final String BATCHER = "labeling/batcher";

    private Rejections() {
    }

    public static ClipRejected of(ClipUploaded clip, RejectReason reason, String detail, String rejectedBy,
                                  long wallClockMillis) {
        return ClipRejected.newBuilder()
                .setClip(clip)
                .setReason(reason)
                .setDetail(detail)
                .setRejectedBy(rejectedBy)
                .setRejectedAt(Instant.ofEpochMilli(wallClockMillis))
                .build();
    }
}
