package dev.clipstream.fleet.upload;

import java.util.Objects;
import java.util.UUID;

/**
 * Everything one PUT of API v1 needs.
 *
 * @param sha256         64 lower-case hex of the body, computed before sending
 * @param metadataHeader the {@code Clip-Metadata} header value (base64url JSON)
 */
public record ClipUpload(String vehicleId, UUID clipId, String token, String contentType, String sha256,
                         String metadataHeader, ClipBody body) {

    public ClipUpload {
        Objects.requireNonNull(vehicleId, "vehicleId");
        Objects.requireNonNull(clipId, "clipId");
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(contentType, "contentType");
        Objects.requireNonNull(sha256, "sha256");
        Objects.requireNonNull(metadataHeader, "metadataHeader");
        Objects.requireNonNull(body, "body");
    }

    public long size() {
        return body.size();
    }
}
