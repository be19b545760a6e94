package dev.clipstream.labeling.filter;

import dev.clipstream.schemas.avro.ClipUploaded;
import dev.clipstream.schemas.avro.PrivacyAttestation;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Privacy clearance: the vehicle attests that faces and plates were blurred, by a blur model version that is
 * on the allowed list. Anything else must not reach training.
 */
public final class PrivacyRule {

    private final Set<String> allowedBlurModels;

    public PrivacyRule(Set<String> allowedBlurModels) {
        this.allowedBlurModels = Set.copyOf(allowedBlurModels);
    }

    /** Why the clip has no privacy clearance, or empty when it has. */
    public Optional<String> problem(ClipUploaded clip) {
        PrivacyAttestation privacy = clip.getPrivacy();
        if (privacy == null) {
            return Optional.of("no privacy attestation");
        }
        if (!privacy.getFacesBlurred()) {
            return Optional.of("faces not blurred");
        }
        if (!privacy.getPlatesBlurred()) {
            return Optional.of("licence plates not blurred");
        }
        if (!allowedBlurModels.contains(privacy.getBlurModelVersion())) {
            return Optional.of("blur model '" + privacy.getBlurModelVersion() + "' is not allowed (allowed: "
                    + String.join(", ", new TreeSet<>(allowedBlurModels)) + ")");
        }
        return Optional.empty();
    }
}
