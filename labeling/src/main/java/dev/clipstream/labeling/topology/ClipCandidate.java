package dev.clipstream.labeling.topology;

import dev.clipstream.schemas.avro.ClipUploaded;
import dev.clipstream.schemas.avro.LabeledClip;

/**
 * A clip on its way to the batchers of the campaigns it matched: the labeled clip, and the upload event it came
 * from (a batcher that declines it must be able to write a complete ClipRejected).
 */
public record ClipCandidate(ClipUploaded clip, LabeledClip labeled) {

    public String clipId() {
        return clip.getClipId().toString();
    }

    /** How many campaigns the clip was matched to, i.e. how many batchers decide about it. */
    public int matchedCampaigns() {
        return labeled.getCampaignIds().size();
    }
}
