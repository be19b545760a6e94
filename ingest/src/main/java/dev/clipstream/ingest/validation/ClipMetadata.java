package dev.clipstream.ingest.validation;

import dev.clipstream.schemas.avro.Camera;
import dev.clipstream.schemas.avro.GeoBoundingBox;
import dev.clipstream.schemas.avro.PrivacyAttestation;
import dev.clipstream.schemas.avro.Resolution;
import dev.clipstream.schemas.avro.SpeedStats;
import dev.clipstream.schemas.avro.VideoCodec;
import java.time.Instant;
import java.util.List;

/** The validated Clip-Metadata: the ClipUploaded fields the vehicle supplies. {@code privacy} may be null. */
public record ClipMetadata(Camera camera, Instant captureStart, Instant captureEnd, long durationMillis,
                           Resolution resolution, float framesPerSecond, VideoCodec codec, String triggerId,
                           List<String> campaignIds, GeoBoundingBox location, SpeedStats speed,
                           String firmwareVersion, PrivacyAttestation privacy) {
}
