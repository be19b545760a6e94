package dev.clipstream.labeling.filter;

import dev.clipstream.schemas.avro.ClipUploaded;

/** An identity under which a clip can repeat: its content (sha256) or its id. */
public enum DuplicateKey {

    SHA256("seen-sha256") {
        @Override
        public String of(ClipUploaded clip) {
            return clip.getSha256();
        }

        @Override
        String remembered(ClipUploaded clip) {
            return clip.getClipId().toString();
        }

        @Override
        String detail(ClipUploaded clip, String rememberedOfFirst) {
            return "duplicate of clip " + rememberedOfFirst + " (same sha256 " + clip.getSha256() + ")";
        }
    },
    CLIP_ID("seen-clip-ids") {
        @Override
        public String of(ClipUploaded clip) {
            return clip.getClipId().toString();
        }

        @Override
        String remembered(ClipUploaded clip) {
            return clip.getSha256();
        }

        @Override
        String detail(ClipUploaded clip, String rememberedOfFirst) {
            return "duplicate clip id " + clip.getClipId() + " (first seen with sha256 " + rememberedOfFirst + ")";
        }
    };

    private final String storeName;

    DuplicateKey(String storeName) {
        this.storeName = storeName;
    }

    /** The state store that remembers this identity. */
    public String storeName() {
        return storeName;
    }

    /** The identity of the clip, also the record key the clip is partitioned by for this check. */
    public abstract String of(ClipUploaded clip);

    /** What is stored about the first clip, to name it in a duplicate's rejection. */
    abstract String remembered(ClipUploaded clip);

    abstract String detail(ClipUploaded clip, String rememberedOfFirst);
}
