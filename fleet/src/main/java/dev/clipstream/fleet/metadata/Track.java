package dev.clipstream.fleet.metadata;

import java.util.SplittableRandom;

/**
 * A GPS track sampled once a second while a simulated car drives, reduced to what a vehicle sends: a coarse
 * bounding box and speed statistics.
 */
final class Track {

    private static final double METRES_PER_DEGREE_LATITUDE = 111_320;
    /** Vehicles round the box outwards to 0.01 degrees (about 1 km), so a clip does not reveal an address. */
    private static final double COARSE_STEP = 0.01;

    private double minLatitude = Double.MAX_VALUE;
    private double minLongitude = Double.MAX_VALUE;
    private double maxLatitude = -Double.MAX_VALUE;
    private double maxLongitude = -Double.MAX_VALUE;
    private double minKph = Double.MAX_VALUE;
    private double maxKph;
    private double sumKph;
    private int samples;

    private Track() {
    }

    static Track drive(SplittableRandom random, double cityLatitude, double cityLongitude, long durationMillis,
                       boolean hardBrake) {
        Track track = new Track();
        double latitude = cityLatitude + (random.nextDouble() - 0.5) * 0.2;
        double longitude = cityLongitude + (random.nextDouble() - 0.5) * 0.2;
        double heading = random.nextDouble() * 2 * Math.PI;
        double kph = 10 + random.nextDouble() * 100;
        long seconds = Math.max(1, durationMillis / 1000);
        long brakeAt = hardBrake ? seconds / 2 : -1;
        for (long second = 0; second <= seconds; second++) {
            track.sample(latitude, longitude, kph);
            if (second == brakeAt) {
                kph = kph * 0.2;
            } else if (second > brakeAt && brakeAt >= 0) {
                kph = Math.max(0, kph - 2);
            } else {
                kph = Math.min(150, Math.max(0, kph + (random.nextDouble() - 0.5) * 8));
            }
            heading += (random.nextDouble() - 0.5) * 0.3;
            double metres = kph / 3.6;
            latitude += metres * Math.cos(heading) / METRES_PER_DEGREE_LATITUDE;
            longitude += metres * Math.sin(heading)
                    / (METRES_PER_DEGREE_LATITUDE * Math.cos(Math.toRadians(latitude)));
        }
        return track;
    }

    private void sample(double latitude, double longitude, double kph) {
        minLatitude = Math.min(minLatitude, latitude);
        maxLatitude = Math.max(maxLatitude, latitude);
        minLongitude = Math.min(minLongitude, longitude);
        maxLongitude = Math.max(maxLongitude, longitude);
        minKph = Math.min(minKph, kph);
        maxKph = Math.max(maxKph, kph);
        sumKph += kph;
        samples++;
    }

    ClipMetadata.GeoBox coarseBox() {
        return new ClipMetadata.GeoBox(roundDown(minLatitude), roundDown(minLongitude),
                roundUp(maxLatitude), roundUp(maxLongitude));
    }

    ClipMetadata.Speed speed() {
        return new ClipMetadata.Speed(oneDecimal(minKph), oneDecimal(maxKph), oneDecimal(sumKph / samples));
    }

    private static double roundDown(double degrees) {
        return Math.round(Math.floor(degrees / COARSE_STEP) * COARSE_STEP * 100) / 100.0;
    }

    private static double roundUp(double degrees) {
        return Math.round(Math.ceil(degrees / COARSE_STEP) * COARSE_STEP * 100) / 100.0;
    }

    private static double oneDecimal(double value) {
        return Math.round(value * 10) / 10.0;
    }
}
