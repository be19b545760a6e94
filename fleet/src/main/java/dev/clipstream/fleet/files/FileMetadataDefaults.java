package dev.clipstream.fleet.files;

import dev.clipstream.fleet.metadata.ClipMetadata;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * The metadata of real clip files, which carry none of their own beyond the movie header: what the user said with
 * flags, or these defaults. Null fields are taken from the file: capture start from its modification time minus its
 * duration, duration and frame size from its MP4/MOV movie header (else 10 s, 1280x960).
 *
 * @param privacy null = the files come without a privacy attestation
 */
public record FileMetadataDefaults(String camera, String triggerId, List<String> campaignIds, String firmwareVersion,
                                   Instant captureStart, Long durationMillis, ClipMetadata.Resolution resolution,
                                   double framesPerSecond, String codec, ClipMetadata.GeoBox location,
                                   ClipMetadata.Speed speed, ClipMetadata.Privacy privacy) {

    public FileMetadataDefaults {
        Objects.requireNonNull(camera, "camera");
        Objects.requireNonNull(triggerId, "triggerId");
        campaignIds = List.copyOf(campaignIds);
        Objects.requireNonNull(firmwareVersion, "firmwareVersion");
        Objects.requireNonNull(codec, "codec");
        Objects.requireNonNull(location, "location");
        Objects.requireNonNull(speed, "speed");
    }
}
