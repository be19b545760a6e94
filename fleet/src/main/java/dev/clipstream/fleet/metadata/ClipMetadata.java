package dev.clipstream.fleet.metadata;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What a vehicle declares about a clip in the {@code Clip-Metadata} header (API v1): it mirrors ClipUploaded minus
 * the fields the server sets (clipId, vehicleId, byteSize, sha256, blobUri, uploadedAt).
 *
 * @param camera  an Avro {@code Camera} symbol, e.g. FRONT_MAIN
 * @param codec   an Avro {@code VideoCodec} symbol, e.g. H265
 * @param privacy null when the vehicle sent no attestation
 */
public record ClipMetadata(String camera, Instant captureStart, Instant captureEnd, long durationMillis,
                           Resolution resolution, double framesPerSecond, String codec, String triggerId,
                           List<String> campaignIds, GeoBox location, Speed speed, String firmwareVersion,
                           Privacy privacy) {

    public ClipMetadata {
        Objects.requireNonNull(camera, "camera");
        Objects.requireNonNull(captureStart, "captureStart");
        Objects.requireNonNull(captureEnd, "captureEnd");
        Objects.requireNonNull(resolution, "resolution");
        Objects.requireNonNull(codec, "codec");
        Objects.requireNonNull(triggerId, "triggerId");
        campaignIds = List.copyOf(campaignIds);
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(speed, "speed");
        Objects.requireNonNull(firmwareVersion, "firmwareVersion");
    }

    public record Resolution(int width, int height) {
    }

    /** Coarse bounding box in decimal degrees, rounded outwards to 0.01 degrees. */
    public record GeoBox(double minLatitude, double minLongitude, double maxLatitude, double maxLongitude) {
    }

    public record Speed(double minKph, double maxKph, double meanKph) {
    }

    public record Privacy(boolean facesBlurred, boolean platesBlurred, String blurModelVersion) {
    }
}
