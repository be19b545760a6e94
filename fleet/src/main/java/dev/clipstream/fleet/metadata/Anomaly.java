package dev.clipstream.fleet.metadata;

/** What, if anything, was deliberately wrong with a simulated clip's metadata. */
public enum Anomaly {
    NONE(false),
    /** Top speed far above any car's (400+ km/h). */
    IMPLAUSIBLE_SPEED(false),
    /** The location box spans several degrees: the car "moved" hundreds of km within one clip. */
    TELEPORT(false),
    /** durationMillis is many times the span between captureStart and captureEnd. */
    DURATION_MISMATCH(false),
    /** No privacy attestation at all. */
    NO_ATTESTATION(true),
    /** An attestation that says faces were not blurred. */
    FACES_NOT_BLURRED(true),
    /** A full attestation, but by a blur model version that is not approved (a withdrawn release). */
    UNAPPROVED_BLUR_MODEL(true);

    private final boolean privacy;

    Anomaly(boolean privacy) {
        this.privacy = privacy;
    }

    /** True for the privacy anomalies, false for the implausible-metadata ones and NONE. */
    public boolean privacy() {
        return privacy;
    }

    public boolean implausible() {
        return this != NONE && !privacy;
    }
}
