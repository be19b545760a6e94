package dev.clipstream.labeling.config;

import java.time.Duration;

/**
 * What clip metadata can plausibly be. A clip outside these limits is rejected as IMPLAUSIBLE_METADATA: its
 * metadata is corrupt or made up, so neither labels nor training can rely on it.
 *
 * @param minBitsPerSecond lowest plausible mean bitrate (byteSize * 8 / duration); below it the blob is too
 *                         small for the claimed duration (truncated upload or wrong duration)
 * @param maxBitsPerSecond highest plausible mean bitrate; above it the blob is too large for the duration
 */
public record PlausibilityLimits(double minFramesPerSecond, double maxFramesPerSecond, int minWidth, int maxWidth,
                                 int minHeight, int maxHeight, Duration maxDuration, long minBitsPerSecond,
                                 long maxBitsPerSecond) {

    public PlausibilityLimits {
        if (minFramesPerSecond <= 0 || maxFramesPerSecond < minFramesPerSecond) {
            throw new IllegalArgumentException("Frame rate limits must satisfy 0 < min <= max, were "
                    + minFramesPerSecond + ".." + maxFramesPerSecond);
        }
        if (minWidth <= 0 || maxWidth < minWidth || minHeight <= 0 || maxHeight < minHeight) {
            throw new IllegalArgumentException("Resolution limits must satisfy 0 < min <= max, were "
                    + minWidth + ".." + maxWidth + " x " + minHeight + ".." + maxHeight);
        }
        if (maxDuration.isZero() || maxDuration.isNegative()) {
            throw new IllegalArgumentException("Maximum clip duration must be positive, was " + maxDuration);
        }
        if (minBitsPerSecond <= 0 || maxBitsPerSecond < minBitsPerSecond) {
            throw new IllegalArgumentException("Bitrate limits must satisfy 0 < min <= max, were "
                    + minBitsPerSecond + ".." + maxBitsPerSecond);
        }
    }

    public static PlausibilityLimits defaults() {
        return new PlausibilityLimits(1, 240, 320, 8192, 240, 8192, Duration.ofMinutes(10), 500_000L,
                200_000_000L);
    }
}
