package dev.clipstream.ingest.events;

import dev.clipstream.schemas.avro.ClipUploaded;
import java.time.Instant;
import java.util.UUID;

/** What ingest remembers of an accepted clip to answer retries: enough for the 200 body and the 409 check. */
public record AcceptedClip(UUID clipId, String vehicleId, String sha256, long sizeBytes, String blobUri,
                           Instant acceptedAt) {

    public static AcceptedClip of(ClipUploaded event) {
        return new AcceptedClip(event.getClipId(), event.getVehicleId(), event.getSha256(), event.getByteSize(),
                event.getBlobUri(), event.getUploadedAt());
    }
}
