package dev.clipstream.labeling.label;

import dev.clipstream.schemas.avro.ClipUploaded;
import dev.clipstream.schemas.avro.LabelSet;

/**
 * Produces labels for one clip. A real implementation would fetch the clip from its blob URI and run a model;
 * it must be thread-safe (one instance serves every stream thread) and should be deterministic for a given
 * clip and version, so a replayed input gets the same labels.
 */
public interface Labeler {

    LabelSet label(ClipUploaded clip);

    /** Model and code version, written into every LabelSet it produces. */
    String version();
}
