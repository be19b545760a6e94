package dev.clipstream.fleet.metadata;

import java.time.Instant;
import java.util.Objects;

/**
 * How the simulated fleet's metadata is drawn.
 *
 * @param seed                 run seed; equal seeds give equal metadata
 * @param fleetStart           capture time of the fleet's first clips
 * @param implausibleFraction  share of clips with metadata that passes ingest's checks but is physically
 *                             implausible (a labeling filter should reject them), 0..1
 * @param unattestedFraction   share of clips without a full privacy attestation (none, faces not
 *                             blurred, or by an unapproved blur model), 0..1
 */
public record MetadataSettings(long seed, Instant fleetStart, double implausibleFraction, double unattestedFraction) {

    public static final Instant DEFAULT_FLEET_START = Instant.parse("2026-11-28T06:00:00Z");

    public MetadataSettings {
        Objects.requireNonNull(fleetStart, "fleetStart");
        requireFraction("implausibleFraction", implausibleFraction);
        requireFraction("unattestedFraction", unattestedFraction);
    }

    public static MetadataSettings defaults(long seed) {
        return new MetadataSettings(seed, DEFAULT_FLEET_START, 0.02, 0.05);
    }

    private static void requireFraction(String name, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(name + " must be between 0 and 1, was " + value);
        }
    }
}
