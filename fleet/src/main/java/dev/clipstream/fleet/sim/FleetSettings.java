package dev.clipstream.fleet.sim;

import dev.clipstream.fleet.clip.Mp4Clip;
import dev.clipstream.fleet.metadata.MetadataSettings;
import dev.clipstream.fleet.upload.RetryPolicy;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * A simulated fleet run: {@code vehicles} vehicles (veh-00001 ...) upload clips until each has sent
 * {@code clipsPerVehicle}, or until {@code duration} has passed, whichever comes first (at least one of them is set).
 *
 * @param clipsPerVehicle  0 = no count limit (then {@code duration} must be set)
 * @param duration         null = no time limit; no new clip starts after it, started ones finish
 * @param minClipBytes     size of each clip; with {@code maxClipBytes} above it, sizes are drawn uniformly between
 * @param journal          null = no resume journal
 * @param progressInterval how often the listener gets a progress snapshot
 */
public record FleetSettings(URI ingestUrl, int vehicles, long clipsPerVehicle, Duration duration, long minClipBytes,
                            long maxClipBytes, int concurrency, String fleetSecret, Path journal,
                            MetadataSettings metadata, RetryPolicy retry, Duration connectTimeout,
                            Duration requestTimeout, Duration progressInterval) {

    public FleetSettings {
        Objects.requireNonNull(ingestUrl, "ingestUrl");
        Objects.requireNonNull(fleetSecret, "fleetSecret");
        Objects.requireNonNull(metadata, "metadata");
        Objects.requireNonNull(retry, "retry");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        Objects.requireNonNull(progressInterval, "progressInterval");
        if (vehicles < 1 || vehicles > 99_999) {
            throw new IllegalArgumentException("vehicles must be 1..99999, was " + vehicles);
        }
        if (clipsPerVehicle < 0) {
            throw new IllegalArgumentException("clips per vehicle must be >= 0, was " + clipsPerVehicle);
        }
        if (clipsPerVehicle == 0 && duration == null) {
            throw new IllegalArgumentException("Give a clip count, a duration, or both: without either the run "
                    + "would never end");
        }
        if (duration != null && (duration.isNegative() || duration.isZero())) {
            throw new IllegalArgumentException("duration must be > 0, was " + duration);
        }
        if (minClipBytes < Mp4Clip.minimumSize()) {
            throw new IllegalArgumentException("clip size must be at least " + Mp4Clip.minimumSize()
                    + " bytes (the MP4 headers), was " + minClipBytes);
        }
        if (maxClipBytes < minClipBytes) {
            throw new IllegalArgumentException("the largest clip size (" + maxClipBytes
                    + ") is below the smallest (" + minClipBytes + ")");
        }
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be >= 1, was " + concurrency);
        }
        if (fleetSecret.isEmpty()) {
            throw new IllegalArgumentException("the fleet secret must not be empty");
        }
    }

    /** Defaults for everything but the ingest URL, fleet size, clip count and secret. */
    public static FleetSettings of(URI ingestUrl, int vehicles, long clipsPerVehicle, String fleetSecret) {
        return new FleetSettings(ingestUrl, vehicles, clipsPerVehicle, null, 1_000_000, 1_000_000, 8, fleetSecret,
                null, MetadataSettings.defaults(42), RetryPolicy.defaults(), Duration.ofSeconds(5),
                Duration.ofSeconds(120), Duration.ofSeconds(5));
    }

    public FleetSettings withClipBytes(long min, long max) {
        return new FleetSettings(ingestUrl, vehicles, clipsPerVehicle, duration, min, max, concurrency, fleetSecret,
                journal, metadata, retry, connectTimeout, requestTimeout, progressInterval);
    }

    public FleetSettings withConcurrency(int value) {
        return new FleetSettings(ingestUrl, vehicles, clipsPerVehicle, duration, minClipBytes, maxClipBytes, value,
                fleetSecret, journal, metadata, retry, connectTimeout, requestTimeout, progressInterval);
    }

    public FleetSettings withJournal(Path value) {
        return new FleetSettings(ingestUrl, vehicles, clipsPerVehicle, duration, minClipBytes, maxClipBytes,
                concurrency, fleetSecret, value, metadata, retry, connectTimeout, requestTimeout, progressInterval);
    }

    public FleetSettings withDuration(Duration value) {
        return new FleetSettings(ingestUrl, vehicles, clipsPerVehicle, value, minClipBytes, maxClipBytes,
                concurrency, fleetSecret, journal, metadata, retry, connectTimeout, requestTimeout, progressInterval);
    }

    public FleetSettings withMetadata(MetadataSettings value) {
        return new FleetSettings(ingestUrl, vehicles, clipsPerVehicle, duration, minClipBytes, maxClipBytes,
                concurrency, fleetSecret, journal, value, retry, connectTimeout, requestTimeout, progressInterval);
    }

    public FleetSettings withRetry(RetryPolicy value) {
        return new FleetSettings(ingestUrl, vehicles, clipsPerVehicle, duration, minClipBytes, maxClipBytes,
                concurrency, fleetSecret, journal, metadata, value, connectTimeout, requestTimeout, progressInterval);
    }

    public FleetSettings withTimeouts(Duration connect, Duration request) {
        return new FleetSettings(ingestUrl, vehicles, clipsPerVehicle, duration, minClipBytes, maxClipBytes,
                concurrency, fleetSecret, journal, metadata, retry, connect, request, progressInterval);
    }

    public FleetSettings withProgressInterval(Duration value) {
        return new FleetSettings(ingestUrl, vehicles, clipsPerVehicle, duration, minClipBytes, maxClipBytes,
                concurrency, fleetSecret, journal, metadata, retry, connectTimeout, requestTimeout, value);
    }
}
