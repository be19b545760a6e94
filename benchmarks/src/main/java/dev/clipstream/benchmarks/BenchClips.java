package dev.clipstream.benchmarks;

import dev.clipstream.schemas.avro.Camera;
import dev.clipstream.schemas.avro.ClipUploaded;
import dev.clipstream.schemas.avro.GeoBoundingBox;
import dev.clipstream.schemas.avro.PrivacyAttestation;
import dev.clipstream.schemas.avro.Resolution;
import dev.clipstream.schemas.avro.SpeedStats;
import dev.clipstream.schemas.avro.VideoCodec;
import dev.clipstream.schemas.serde.GeneratedClassTrust;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * Deterministic, varied ClipUploaded events that pass labeling's plausibility and privacy rules (as nearly all
 * real uploads do): several vehicles, cameras, triggers, speeds, places and times of day, so that the labeler and
 * the campaign rules take their different branches.
 */
public final class BenchClips {

    private static final String[] TRIGGERS = {"unprotected-left-turn-v2", "hard-brake-v3", "construction-zone-v1",
        "pedestrian-near-v4", "lane-change-v2", "manual-flag"};
    private static final Instant START = Instant.parse("2026-11-28T00:00:00Z");

    static {
        // Generated builders deep-copy enum fields, which Avro allows only for trusted classes.
        GeneratedClassTrust.ensureInstalled();
    }

    private BenchClips() {
    }

    /** {@code count} clips from {@code seed}; the same arguments always give equal clips. */
    public static List<ClipUploaded> generate(long seed, int count) {
        Random random = new Random(seed);
        List<ClipUploaded> clips = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            clips.add(clip(random, i));
        }
        return clips;
    }

    private static ClipUploaded clip(Random random, int index) {
        byte[] digest = new byte[32];
        random.nextBytes(digest);
        String sha256 = HexFormat.of().formatHex(digest);
        long durationMillis = 5_000 + random.nextInt(55_001);
        Instant captureStart = START.plusMillis((long) random.nextInt(86_400) * 1000 + random.nextInt(1000));
        double latitude = 30 + random.nextDouble() * 30;
        double longitude = -120 + random.nextDouble() * 150;
        float meanKph = random.nextFloat() * 120;
        return ClipUploaded.newBuilder()
                .setClipId(new UUID(random.nextLong(), random.nextLong()))
                .setVehicleId(String.format("veh-%05d", 1 + random.nextInt(5000)))
                .setCamera(Camera.values()[random.nextInt(Camera.values().length)])
                .setCaptureStart(captureStart)
                .setCaptureEnd(captureStart.plusMillis(durationMillis))
                .setDurationMillis(durationMillis)
                .setResolution(Resolution.newBuilder().setWidth(1280).setHeight(960).build())
                .setFramesPerSecond(36.0f)
                .setCodec(VideoCodec.H265)
                // 2 to 8 Mbit/s: inside the plausible bitrate range.
                .setByteSize(durationMillis * (250 + random.nextInt(750)))
                .setSha256(sha256)
                .setBlobUri("blob://clips/sha256/" + sha256.substring(0, 2) + "/" + sha256)
                .setTriggerId(TRIGGERS[index % TRIGGERS.length])
                .setCampaignIds(List.of())
                .setLocation(GeoBoundingBox.newBuilder().setMinLatitude(latitude).setMinLongitude(longitude)
                        .setMaxLatitude(latitude + 0.01).setMaxLongitude(longitude + 0.01).build())
                .setSpeed(SpeedStats.newBuilder().setMinKph(0f).setMaxKph(meanKph * 1.4f).setMeanKph(meanKph).build())
                .setFirmwareVersion("2026.44.1")
                .setPrivacy(PrivacyAttestation.newBuilder().setFacesBlurred(true).setPlatesBlurred(true)
                        .setBlurModelVersion(random.nextBoolean() ? "blur-2026.08.3" : "blur-2026.10.1").build())
                .setUploadedAt(captureStart.plusMillis(durationMillis + 60_000))
                .build();
    }
}
