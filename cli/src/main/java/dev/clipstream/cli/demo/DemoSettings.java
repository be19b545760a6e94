package dev.clipstream.cli.demo;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How a demo run goes.
 *
 * @param interval      time between two clips of one vehicle (the fleet sends vehicles / interval clips per second)
 * @param outageAt      when, into the fleet run, Dojo goes down
 * @param outageFor     how long it stays down
 * @param drainTimeout  longest wait after the fleet stops for clips and batches in flight to settle
 * @param batchMaxAge   labeling's batch time limit (short, so batches close during the demo)
 * @param ansi          redraw the live view in place (a terminal); false: a progress line every few seconds
 * @param columns       terminal width for the ANSI view
 * @param logFile       where the service logs go and stay; null = a temp file removed on exit
 */
public record DemoSettings(int vehicles, Duration duration, long seed, Duration interval, long minClipBytes,
                           long maxClipBytes, Duration outageAt, Duration outageFor, Duration drainTimeout,
                           Duration batchMaxAge, boolean keepRunning, boolean ansi, int columns,
                           Path logFile) {

    public static final String FLEET_SECRET = "clipstream-demo-fleet";

    public DemoSettings {
        if (vehicles < 1 || vehicles > 99_999) {
            throw new IllegalArgumentException("--vehicles must be 1..99999, was " + vehicles);
        }
        requirePositive(duration, "--duration");
        requirePositive(interval, "--interval");
        requirePositive(drainTimeout, "--drain-timeout");
        requirePositive(batchMaxAge, "--batch-max-age");
        if (outageAt.isNegative()) {
            throw new IllegalArgumentException("--outage-at must not be negative, was " + outageAt);
        }
        requirePositive(outageFor, "--outage-for");
        if (minClipBytes < 1 || maxClipBytes < minClipBytes) {
            throw new IllegalArgumentException("clip sizes must be positive with min <= max, were " + minClipBytes
                    + " and " + maxClipBytes);
        }
    }

    private static void requirePositive(Duration value, String name) {
        if (value == null || value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
    }

    public double clipsPerSecond() {
        return PacedClips.rate(vehicles, interval);
    }
}
