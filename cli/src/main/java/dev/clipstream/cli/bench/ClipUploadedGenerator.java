package dev.clipstream.cli.bench;

import dev.clipstream.schemas.avro.Camera;
import dev.clipstream.schemas.avro.ClipUploaded;
import dev.clipstream.schemas.avro.GeoBoundingBox;
import dev.clipstream.schemas.avro.PrivacyAttestation;
import dev.clipstream.schemas.avro.Resolution;
import dev.clipstream.schemas.avro.SpeedStats;
import dev.clipstream.schemas.avro.VideoCodec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * Realistic, valid ClipUploaded events for the benchmark: a fleet of vehicles, several cameras, triggers and
 * campaigns, some clips without a privacy attestation. Deterministic: the same seed gives the same records, so
 * runs on different machines send the same bytes. Not a test fixture; it only has to look like production traffic
 * (field sizes and their spread), since that is what serialization cost depends on.
 */
public final class ClipUploadedGenerator {

    static final int FLEET_SIZE = 5_000;
    private static final Instant START = Instant.parse("2026-11-02T06:00:00Z");
    private static final Camera[] CAMERAS = {Camera.FRONT_MAIN, Camera.FRONT_WIDE, Camera.FRONT_NARROW,
            Camera.LEFT_PILLAR, Camera.RIGHT_PILLAR, Camera.LEFT_REPEATER, Camera.RIGHT_REPEATER, Camera.REAR};
    private static final Resolution[] RESOLUTIONS = {resolution(2896, 1876), resolution(1920, 1080),
            resolution(1280, 960)};
    private static final VideoCodec[] CODECS = {VideoCodec.H265, VideoCodec.H265, VideoCodec.H264, VideoCodec.AV1};
    private static final String[] TRIGGERS = {"hard-brake-v3", "unprotected-left-turn-v2", "lane-change-abort-v1",
            "pedestrian-near-miss-v4", "construction-zone-v2", "driver-takeover-v5", "random-sample-v1"};
    private static final String[] CAMPAIGNS = {"unprotected-left-turns-eu", "night-rain-pedestrians",
            "construction-zones-us-west", "emergency-vehicles", "snow-lane-markings-nordics"};
    private static final String[] FIRMWARE = {"2026.44.1", "2026.44.2", "2026.40.7", "2026.38.11"};
    private static final String[] BLUR_MODELS = {"blur-2026.10.1", "blur-2026.08.3"};
    private static final HexFormat HEX = HexFormat.of();

    private final SplittableRandom random;
    private final String[] vehicleIds = new String[FLEET_SIZE];
    private long clipIndex;

    public ClipUploadedGenerator(long seed) {
        this.random = new SplittableRandom(seed);
        for (int i = 0; i < FLEET_SIZE; i++) {
            vehicleIds[i] = "veh-" + HEX.toHexDigits(random.nextLong());
        }
    }

    /** The next {@code count} records; their vehicle ids are the Kafka keys. */
    public List<ClipUploaded> next(int count) {
        if (count < 0) {
            throw new IllegalArgumentException("Record count must be >= 0, was " + count);
        }
        List<ClipUploaded> records = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            records.add(next());
        }
        return records;
    }

    public ClipUploaded next() {
        long index = clipIndex++;
        // About ten clips per second across the fleet, each 5 to 60 s long.
        Instant captureStart = START.plusMillis(index * 100 + random.nextInt(100));
        long durationMillis = 5_000 + random.nextInt(55_001);
        Instant captureEnd = captureStart.plusMillis(durationMillis);
        String sha256 = HEX.formatHex(randomBytes(32));
        float maxKph = 5 + random.nextInt(1_250) / 10f;
        float minKph = Math.min(maxKph, random.nextInt(600) / 10f);
        double latitude = round2(37 + random.nextDouble() * 23);
        double longitude = round2(-122 + random.nextDouble() * 140);
        return ClipUploaded.newBuilder()
                .setClipId(new UUID(random.nextLong() & ~0xF000L | 0x4000L,
                        random.nextLong() & 0x3FFFFFFFFFFFFFFFL | 0x8000000000000000L))
                .setVehicleId(vehicleIds[random.nextInt(FLEET_SIZE)])
                .setCamera(pick(CAMERAS))
                .setCaptureStart(captureStart)
                .setCaptureEnd(captureEnd)
                .setDurationMillis(durationMillis)
                .setResolution(pick(RESOLUTIONS))
                .setFramesPerSecond(random.nextInt(4) == 0 ? 30.0f : 36.0f)
                .setCodec(pick(CODECS))
                // Roughly 8 to 16 Mbit/s.
                .setByteSize(durationMillis * (1_000 + random.nextInt(1_000)))
                .setSha256(sha256)
                .setBlobUri("blob://clips/sha256/" + sha256.substring(0, 2) + "/" + sha256)
                .setTriggerId(pick(TRIGGERS))
                .setCampaignIds(campaignIds())
                .setLocation(GeoBoundingBox.newBuilder()
                        .setMinLatitude(latitude).setMinLongitude(longitude)
                        .setMaxLatitude(round2(latitude + 0.01 * (1 + random.nextInt(5))))
                        .setMaxLongitude(round2(longitude + 0.01 * (1 + random.nextInt(5))))
                        .build())
                .setSpeed(SpeedStats.newBuilder()
                        .setMinKph(minKph).setMaxKph(maxKph).setMeanKph((minKph + maxKph) / 2).build())
                .setFirmwareVersion(pick(FIRMWARE))
                // A few vehicles on old firmware send no attestation.
                .setPrivacy(random.nextInt(20) == 0 ? null : PrivacyAttestation.newBuilder()
                        .setFacesBlurred(true)
                        .setPlatesBlurred(random.nextInt(50) != 0)
                        .setBlurModelVersion(pick(BLUR_MODELS))
                        .build())
                .setUploadedAt(captureEnd.plusSeconds(30 + random.nextInt(3_600)))
                .build();
    }

    private List<String> campaignIds() {
        // Most clips belong to no campaign or one; a few to two.
        int count = switch (random.nextInt(10)) {
            case 0, 1, 2, 3 -> 0;
            case 9 -> 2;
            default -> 1;
        };
        List<String> ids = new ArrayList<>(count);
        int first = random.nextInt(CAMPAIGNS.length);
        for (int i = 0; i < count; i++) {
            ids.add(CAMPAIGNS[(first + i) % CAMPAIGNS.length]);
        }
        return ids;
    }

    private <T> T pick(T[] values) {
        return values[random.nextInt(values.length)];
    }

    private byte[] randomBytes(int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i += 8) {
            long value = random.nextLong();
            for (int j = 0; j < 8 && i + j < length; j++) {
                bytes[i + j] = (byte) (value >>> (8 * j));
            }
        }
        return bytes;
    }

    private static double round2(double degrees) {
        return Math.round(degrees * 100) / 100.0;
    }

    private static Resolution resolution(int width, int height) {
        return Resolution.newBuilder().setWidth(width).setHeight(height).build();
    }
}
