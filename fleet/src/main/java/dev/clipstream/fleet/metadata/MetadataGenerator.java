package dev.clipstream.fleet.metadata;

import dev.clipstream.fleet.Seeds;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Plausible metadata for the clips of a simulated fleet. Each vehicle has a home city, a firmware and a blur model;
 * each clip drives a short GPS track from near the city centre (reduced to its coarse bounding box, as vehicles
 * send it), with speed statistics taken from the same track, a camera, a trigger whose id hints at the weather and
 * the time of day, and sometimes campaigns. A configurable share of clips is deliberately implausible or lacks a
 * privacy attestation, so the labeling filters have something to reject.
 *
 * <p>Pure function of (seed, vehicle index, clip index): a restarted run regenerates the same metadata.
 */
public final class MetadataGenerator {

    private record City(String name, double latitude, double longitude, String typicalWeather) {
    }

    private static final List<City> CITIES = List.of(
            new City("palo-alto", 37.44, -122.14, "clear"),
            new City("austin", 30.27, -97.74, "clear"),
            new City("seattle", 47.61, -122.33, "rain"),
            new City("phoenix", 33.45, -112.07, "clear"),
            new City("berlin", 52.52, 13.40, "fog"),
            new City("oslo", 59.91, 10.75, "snow"),
            new City("shanghai", 31.23, 121.47, "rain"),
            new City("toronto", 43.65, -79.38, "snow"));
    private static final List<String> FIRMWARE = List.of("2026.38.4", "2026.40.2", "2026.44.1", "2026.44.3");
    /** Both on labeling's default allow list (labeling.privacy.blur.models); an unlisted one costs a vehicle's clips. */
    private static final List<String> BLUR_MODELS = List.of("blur-2026.08.3", "blur-2026.10.1");
    /** Withdrawn, so not on labeling's allow list: only the UNAPPROVED_BLUR_MODEL anomaly uses it. */
    static final String UNAPPROVED_BLUR_MODEL = "blur-2026.08.2";
    /** Size the two-argument {@link #generate(int, long)} assumes, the fleet's default clip size. */
    public static final long DEFAULT_CLIP_BYTES = 1_000_000;
    /** Mean bitrates of real dashcam recordings (H.264/H.265, 720p..5 MP). */
    static final long MIN_BITS_PER_SECOND = 2_000_000;
    static final long MAX_BITS_PER_SECOND = 8_000_000;
    /**
     * A clip lasts 1 s to 5 min. Within labeling's plausible 500 kbit/s..200 Mbit/s this keeps every size from
     * about 63 KB (1 s at 500 kbit/s) to 7.5 GB (5 min at 200 Mbit/s) plausible.
     */
    static final long MIN_DURATION_MILLIS = 1_000;
    static final long MAX_DURATION_MILLIS = 300_000;
    /** Weighted: the main forward camera records most clips. */
    private static final List<String> CAMERAS = List.of("FRONT_MAIN", "FRONT_MAIN", "FRONT_MAIN", "FRONT_WIDE",
            "FRONT_NARROW", "LEFT_PILLAR", "RIGHT_PILLAR", "LEFT_REPEATER", "RIGHT_REPEATER", "REAR", "CABIN");
    private static final List<String> DRIVING_TRIGGERS = List.of("hard-brake-v3", "cut-in-v2",
            "unprotected-left-v2", "construction-zone-v4", "driver-intervention-v5", "pedestrian-near-miss-v1");

    private final MetadataSettings settings;

    public MetadataGenerator(MetadataSettings settings) {
        this.settings = settings;
    }

    /** The metadata of a {@link #DEFAULT_CLIP_BYTES} clip. */
    public GeneratedMetadata generate(int vehicleIndex, long clipIndex) {
        return generate(vehicleIndex, clipIndex, DEFAULT_CLIP_BYTES);
    }

    /**
     * The metadata of clip {@code clipIndex} of vehicle {@code vehicleIndex} whose file is {@code clipBytes} long: the
     * duration follows from the size and a dashcam bitrate, so byteSize / duration is a bitrate a camera produces.
     */
    public GeneratedMetadata generate(int vehicleIndex, long clipIndex, long clipBytes) {
        if (clipBytes <= 0) {
            throw new IllegalArgumentException("clipBytes must be > 0, was " + clipBytes);
        }
        SplittableRandom vehicle = new SplittableRandom(Seeds.derive(settings.seed(), vehicleIndex, -1));
        City city = CITIES.get(vehicle.nextInt(CITIES.size()));
        String firmware = FIRMWARE.get(vehicle.nextInt(FIRMWARE.size()));
        String blurModel = BLUR_MODELS.get(vehicle.nextInt(BLUR_MODELS.size()));
        long vehicleOffsetSeconds = vehicle.nextLong(6 * 3600);

        SplittableRandom random = new SplittableRandom(Seeds.derive(settings.seed(), vehicleIndex, clipIndex));
        Anomaly anomaly = anomaly(random);

        // Clips of one vehicle follow each other 2-20 minutes apart.
        long minutesAfterStart = clipIndex * 11 + random.nextInt(9);
        Instant captureStart = settings.fleetStart().plusSeconds(vehicleOffsetSeconds)
                .plus(Duration.ofMinutes(minutesAfterStart)).plusMillis(random.nextInt(1000));
        long durationMillis = durationMillis(clipBytes, random);
        Instant captureEnd = captureStart.plusMillis(durationMillis);

        String camera = CAMERAS.get(random.nextInt(CAMERAS.size()));
        ClipMetadata.Resolution resolution = resolution(camera, random);
        double fps = camera.equals("CABIN") ? 30.0 : 36.0;
        String codec = random.nextInt(5) == 0 ? "H264" : "H265";

        String timeOfDay = timeOfDay(captureStart, city.longitude());
        String weather = random.nextInt(3) == 0 ? city.typicalWeather() : "clear";
        String trigger = trigger(random, timeOfDay, weather);
        boolean hardBrake = trigger.startsWith("hard-brake");

        Track track = Track.drive(random, city.latitude(), city.longitude(), durationMillis, hardBrake);
        ClipMetadata.GeoBox location = track.coarseBox();
        ClipMetadata.Speed speed = track.speed();
        List<String> campaigns = campaigns(random, timeOfDay, weather, trigger);
        ClipMetadata.Privacy privacy = new ClipMetadata.Privacy(true, true, blurModel);

        switch (anomaly) {
            case IMPLAUSIBLE_SPEED -> {
                double max = 420 + random.nextInt(230);
                speed = new ClipMetadata.Speed(speed.minKph(), max, (speed.minKph() + max) / 2);
            }
            case TELEPORT -> location = new ClipMetadata.GeoBox(location.minLatitude(), location.minLongitude(),
                    Math.min(90, location.maxLatitude() + 3 + random.nextInt(5)),
                    Math.min(180, location.maxLongitude() + 3 + random.nextInt(5)));
            // At least 20 times the real span: the bitrate drops below 8 Mbit/s / 20 = 400 kbit/s, or (for a
            // clamped 5-minute clip) the duration exceeds any plausible maximum.
            case DURATION_MISMATCH -> durationMillis = durationMillis * (20 + random.nextInt(30));
            case NO_ATTESTATION -> privacy = null;
            case FACES_NOT_BLURRED -> privacy = new ClipMetadata.Privacy(false, true, blurModel);
            case UNAPPROVED_BLUR_MODEL -> privacy = new ClipMetadata.Privacy(true, true, UNAPPROVED_BLUR_MODEL);
            case NONE -> {
            }
        }
        ClipMetadata metadata = new ClipMetadata(camera, captureStart, captureEnd, durationMillis, resolution, fps,
                codec, trigger, campaigns, location, speed, firmware, privacy);
        return new GeneratedMetadata(metadata, anomaly);
    }

    /** Duration of a clip of this size recorded at a bitrate drawn from the dashcam range, clamped to 1 s..5 min. */
    static long durationMillis(long clipBytes, SplittableRandom random) {
        long bitsPerSecond = MIN_BITS_PER_SECOND + random.nextLong(MAX_BITS_PER_SECOND - MIN_BITS_PER_SECOND + 1);
        double millis = clipBytes * 8.0 * 1000.0 / bitsPerSecond;
        return Math.max(MIN_DURATION_MILLIS, Math.min(MAX_DURATION_MILLIS, Math.round(millis)));
    }

    private Anomaly anomaly(SplittableRandom random) {
        double draw = random.nextDouble();
        if (draw < settings.implausibleFraction()) {
            Anomaly[] implausible = {Anomaly.IMPLAUSIBLE_SPEED, Anomaly.TELEPORT, Anomaly.DURATION_MISMATCH};
            return implausible[random.nextInt(implausible.length)];
        }
        if (draw < settings.implausibleFraction() + settings.unattestedFraction()) {
            Anomaly[] unattested = {Anomaly.NO_ATTESTATION, Anomaly.FACES_NOT_BLURRED, Anomaly.UNAPPROVED_BLUR_MODEL};
            return unattested[random.nextInt(unattested.length)];
        }
        return Anomaly.NONE;
    }

    private static ClipMetadata.Resolution resolution(String camera, SplittableRandom random) {
        if (camera.equals("CABIN")) {
            return new ClipMetadata.Resolution(1280, 720);
        }
        // Two hardware generations: 1.2 MP and 5.4 MP cameras.
        return random.nextInt(3) == 0
                ? new ClipMetadata.Resolution(2896, 1876)
                : new ClipMetadata.Resolution(1280, 960);
    }

    /** Local solar time from the longitude: 15 degrees per hour. */
    static String timeOfDay(Instant captureStart, double longitude) {
        double utcHour = (captureStart.getEpochSecond() % 86_400) / 3600.0;
        double localHour = ((utcHour + longitude / 15.0) % 24 + 24) % 24;
        if (localHour >= 5 && localHour < 7) {
            return "dawn";
        }
        if (localHour >= 7 && localHour < 18) {
            return "day";
        }
        if (localHour >= 18 && localHour < 20) {
            return "dusk";
        }
        return "night";
    }

    private static String trigger(SplittableRandom random, String timeOfDay, String weather) {
        int pick = random.nextInt(10);
        if (pick < 2 && !weather.equals("clear")) {
            return switch (weather) {
                case "rain" -> "rain-heavy-wipers-v2";
                case "snow" -> "snow-low-traction-v1";
                default -> "fog-low-visibility-v1";
            };
        }
        if (pick < 4 && !timeOfDay.equals("day")) {
            return timeOfDay.equals("night") ? "night-pedestrian-v1" : timeOfDay + "-sun-glare-v2";
        }
        return DRIVING_TRIGGERS.get(random.nextInt(DRIVING_TRIGGERS.size()));
    }

    private static List<String> campaigns(SplittableRandom random, String timeOfDay, String weather, String trigger) {
        List<String> campaigns = new ArrayList<>();
        if (random.nextInt(3) == 0) {
            return campaigns;
        }
        if (timeOfDay.equals("night") && random.nextBoolean()) {
            campaigns.add("night-driving-2026q4");
        }
        if (weather.equals("snow") || weather.equals("rain")) {
            campaigns.add("adverse-weather-2026q4");
        }
        if (trigger.startsWith("hard-brake") || trigger.startsWith("pedestrian")) {
            campaigns.add("vulnerable-road-users");
        }
        if (trigger.startsWith("construction") || trigger.startsWith("unprotected")) {
            campaigns.add("complex-intersections");
        }
        return campaigns;
    }
}
