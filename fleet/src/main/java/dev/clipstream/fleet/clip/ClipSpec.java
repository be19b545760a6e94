package dev.clipstream.fleet.clip;

import java.time.Instant;
import java.util.Objects;

/**
 * What an MP4 clip looks like: its exact size on the wire and what its movie header says.
 *
 * @param sizeBytes      total size of the file, headers included; at least {@link Mp4Clip#minimumSize()}
 * @param durationMillis playback duration written into mvhd/tkhd/mdhd
 * @param width          frame width in pixels, written into tkhd and the sample entry
 * @param height         frame height in pixels
 * @param framesPerSecond nominal frame rate; sets the media timescale's sample delta
 * @param hevc           true: an {@code hvc1} sample entry, false: {@code avc1}
 * @param createdAt      creation time written into the headers (the capture start)
 * @param contentSeed    seed of the mdat payload: equal seeds give equal bytes, other seeds other bytes
 */
public record ClipSpec(long sizeBytes, long durationMillis, int width, int height, double framesPerSecond,
                       boolean hevc, Instant createdAt, long contentSeed) {

    public ClipSpec {
        Objects.requireNonNull(createdAt, "createdAt");
        if (durationMillis <= 0) {
            throw new IllegalArgumentException("durationMillis must be > 0, was " + durationMillis);
        }
        if (width <= 0 || width > 0xFFFF || height <= 0 || height > 0xFFFF) {
            throw new IllegalArgumentException("width and height must be 1..65535, were " + width + "x" + height);
        }
        if (!(framesPerSecond > 0 && framesPerSecond <= 1000)) {
            throw new IllegalArgumentException("framesPerSecond must be in (0, 1000], was " + framesPerSecond);
        }
        if (sizeBytes < Mp4Clip.minimumSize()) {
            throw new IllegalArgumentException("A clip needs at least " + Mp4Clip.minimumSize()
                    + " bytes for its MP4 headers; " + sizeBytes + " were asked for");
        }
    }
}
