package dev.clipstream.systemtests.faults;

import dev.clipstream.cli.pipeline.PipelineOptions;
import dev.clipstream.fleet.metadata.MetadataSettings;
import dev.clipstream.fleet.sim.FleetListener;
import dev.clipstream.fleet.sim.FleetSettings;
import dev.clipstream.fleet.sim.FleetSimulation;
import dev.clipstream.fleet.sim.FleetSummary;
import dev.clipstream.fleet.upload.RetryPolicy;
import java.net.URI;
import java.time.Duration;

/** Small seeded fleet runs against ingest: a few vehicles, small clips, the pipeline's fleet secret. */
final class Fleet {

    /** Large enough for a plausible bitrate at the 1 s minimum duration the fleet generates (labeling rejects less). */
    static final long CLIP_BYTES = 256 * 1024;

    private Fleet() {
    }

    static FleetSettings settings(URI ingest, PipelineOptions options, int vehicles, int clipsPerVehicle, long seed) {
        return FleetSettings.of(ingest, vehicles, clipsPerVehicle, options.fleetSecret())
                .withClipBytes(CLIP_BYTES, CLIP_BYTES)
                .withConcurrency(4)
                .withMetadata(MetadataSettings.defaults(seed))
                .withProgressInterval(Duration.ofSeconds(5));
    }

    /** Uploads and returns every clip's outcome; fails the run only if a clip was not accepted. */
    static FleetSummary upload(URI ingest, PipelineOptions options, int vehicles, int clipsPerVehicle, long seed)
            throws InterruptedException {
        return FleetSimulation.run(settings(ingest, options, vehicles, clipsPerVehicle, seed), FleetListener.NONE);
    }

    /** Enough patience for an outage of {@code outage}: retries with a backoff cap of 5 s until well past it. */
    static RetryPolicy retryingThrough(Duration outage) {
        Duration cap = Duration.ofSeconds(5);
        int attempts = (int) (outage.toSeconds() / 2) + 20;
        return new RetryPolicy(attempts, Duration.ofMillis(250), cap, cap);
    }
}
