package dev.clipstream.systemtests.harness;

import dev.clipstream.fleet.metadata.MetadataSettings;
import dev.clipstream.fleet.sim.FleetListener;
import dev.clipstream.fleet.sim.FleetSettings;
import dev.clipstream.fleet.sim.FleetSimulation;
import dev.clipstream.fleet.sim.FleetSummary;
import dev.clipstream.fleet.upload.RetryPolicy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;

/**
 * A known, seeded set of clips pushed through ingest over HTTP by the simulated fleet (fleet's FleetSimulation,
 * exactly as external uploaders): {@code vehicles} vehicles with {@code clipsPerVehicle} small clips each. Equal
 * seeds give equal clip ids and metadata, so a run can be repeated and a re-push resends the same clips.
 *
 * @param retry how uploaders retry (503, connection refused, timeouts); patient for scenarios that kill ingest
 */
public record SeededFleet(int vehicles, int clipsPerVehicle, long seed, long minClipBytes, long maxClipBytes,
                          int concurrency, RetryPolicy retry) {

    private static final Logger LOG = LoggerFactory.getLogger(SeededFleet.class);

    /**
     * Clips of 80-120 KB, 8 uploads at once. The fleet derives a duration of at least 1 s, so smaller clips would
     * fall below labeling's plausible bitrate (500 kbit/s) and all be rejected.
     */
    public static SeededFleet of(int vehicles, int clipsPerVehicle, long seed) {
        return new SeededFleet(vehicles, clipsPerVehicle, seed, 80_000, 120_000, 8, RetryPolicy.defaults());
    }

    public SeededFleet withRetry(RetryPolicy value) {
        return new SeededFleet(vehicles, clipsPerVehicle, seed, minClipBytes, maxClipBytes, concurrency, value);
    }

    public SeededFleet withConcurrency(int value) {
        return new SeededFleet(vehicles, clipsPerVehicle, seed, minClipBytes, maxClipBytes, value, retry);
    }

    public SeededFleet withClipBytes(long min, long max) {
        return new SeededFleet(vehicles, clipsPerVehicle, seed, min, max, concurrency, retry);
    }

    /** Retries for minutes with short waits (at most 2 s): enough to ride out a service restart on a busy machine. */
    public static RetryPolicy patientRetry() {
        return new RetryPolicy(200, Duration.ofMillis(200), Duration.ofSeconds(2), Duration.ofSeconds(5));
    }

    public int clips() {
        return vehicles * clipsPerVehicle;
    }

    public FleetSettings settings(URI ingestUri, String fleetSecret) {
        return FleetSettings.of(ingestUri, vehicles, clipsPerVehicle, fleetSecret)
                .withClipBytes(minClipBytes, maxClipBytes)
                .withConcurrency(concurrency)
                .withMetadata(MetadataSettings.defaults(seed))
                .withRetry(retry)
                .withTimeouts(Duration.ofSeconds(3), Duration.ofSeconds(20))
                .withProgressInterval(Duration.ofSeconds(5));
    }

    /** Runs the fleet to the end and returns its summary (every clip's outcome). */
    public FleetSummary run(URI ingestUri, String fleetSecret) {
        long start = System.nanoTime();
        try {
            FleetSummary summary = FleetSimulation.run(settings(ingestUri, fleetSecret), FleetListener.NONE);
            LOG.info("Seeded fleet (seed {}): {} clips pushed, {} accepted, {} failed in {} ms", seed,
                    summary.outcomes().size(), summary.acceptedClipIds().size(), summary.failures().size(),
                    Duration.ofNanos(System.nanoTime() - start).toMillis());
            return summary;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while the fleet was uploading", e);
        }
    }

    /** Runs the fleet and returns the ids of the clips ingest accepted (201 now or 200 already accepted). */
    public Set<String> push(URI ingestUri, String fleetSecret) {
        Set<String> accepted = new LinkedHashSet<>();
        for (UUID id : run(ingestUri, fleetSecret).acceptedClipIds()) {
            accepted.add(id.toString());
        }
        return accepted;
    }
}
