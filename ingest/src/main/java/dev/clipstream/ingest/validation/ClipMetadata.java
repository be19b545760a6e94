package dev.clipstream.ingest.validation;

import dev.clipstream.schemas.avro.Camera;
import dev.clipstream.schemas.avro.ClipUploaded;
import dev.clipstream.schemas.avro.GeoBoundingBox;
import dev.clipstream.schemas.avro.PrivacyAttestation;
import dev.clipstream.schemas.avro.Resolution;
import dev.clipstream.schemas.avro.SpeedStats;
import dev.clipstream.schemas.avro.VideoCodec;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** The validated Clip-Metadata: the ClipUploaded fields the vehicle supplies. {@code privacy} may be null. */
public record ClipMetadata(Camera camera, Instant captureStart, Instant captureEnd, long durationMillis,
                           Resolution resolution, float framesPerSecond, VideoCodec codec, String triggerId,
                           List<String> campaignIds, GeoBoundingBox location, SpeedStats speed,
                           String firmwareVersion, PrivacyAttestation privacy) {

    /** The event ingest publishes for this metadata once the blob is stored: the vehicle's fields plus the server's. */
    public ClipUploaded toClipUploaded(UUID clipId, String vehicleId, long byteSize, String sha256, String blobUri,
                                       Instant uploadedAt) {
        return ClipUploaded.newBuilder()
                .setClipId(clipId)
                .setVehicleId(vehicleId)
                .setCamera(camera)
                .setCaptureStart(captureStart)
                .setCaptureEnd(captureEnd)
                .setDurationMillis(durationMillis)
                .setResolution(resolution)
                .setFramesPerSecond(framesPerSecond)
                .setCodec(codec)
                .setByteSize(byteSize)
                .setSha256(sha256)
                .setBlobUri(blobUri)
                .setTriggerId(triggerId)
                .setCampaignIds(campaignIds)
                .setLocation(location)
                .setSpeed(speed)
                .setFirmwareVersion(firmwareVersion)
                .setPrivacy(privacy)
                .setUploadedAt(uploadedAt)
                .build();
    }
}
