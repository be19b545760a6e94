package dev.clipstream.fleet.sim;

import dev.clipstream.fleet.Seeds;
import dev.clipstream.fleet.auth.FleetTokens;
import dev.clipstream.fleet.clip.ClipSpec;
import dev.clipstream.fleet.clip.Mp4Clip;
import dev.clipstream.fleet.metadata.ClipMetadata;
import dev.clipstream.fleet.metadata.GeneratedMetadata;
import dev.clipstream.fleet.metadata.MetadataCodec;
import dev.clipstream.fleet.metadata.MetadataGenerator;
import dev.clipstream.fleet.upload.ClipBody;
import dev.clipstream.fleet.upload.ClipSource;
import dev.clipstream.fleet.upload.ClipTask;
import dev.clipstream.fleet.upload.ClipUpload;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The clips of a simulated fleet, handed out round-robin over the vehicles (clip 0 of every vehicle, then clip 1, ...)
 * until every vehicle has its count or the time is up. Every clip is a pure function of (seed, vehicle, index).
 */
public final class SimulatedClips implements ClipSource {

    private final FleetSettings settings;
    private final MetadataGenerator metadata;
    private final FleetTokens tokens;
    private final long deadlineNanos;
    private final AtomicLong next = new AtomicLong();

    public SimulatedClips(FleetSettings settings) {
        this.settings = settings;
        this.metadata = new MetadataGenerator(settings.metadata());
        this.tokens = new FleetTokens(settings.fleetSecret());
        this.deadlineNanos = settings.duration() == null ? Long.MAX_VALUE
                : System.nanoTime() + settings.duration().toNanos();
    }

    @Override
    public Optional<ClipTask> next() {
        if (settings.duration() != null && System.nanoTime() - deadlineNanos >= 0) {
            return Optional.empty();
        }
        long n = next.getAndIncrement();
        int vehicleIndex = (int) (n % settings.vehicles()) + 1;
        long clipIndex = n / settings.vehicles();
        if (settings.clipsPerVehicle() > 0 && clipIndex >= settings.clipsPerVehicle()) {
            return Optional.empty();
        }
        return Optional.of(task(vehicleIndex, clipIndex));
    }

    /** The task of clip {@code clipIndex} (0-based) of vehicle {@code vehicleIndex} (1-based). */
    public ClipTask task(int vehicleIndex, long clipIndex) {
        String vehicleId = FleetTokens.vehicleId(vehicleIndex);
        UUID clipId = ClipIds.simulated(settings.metadata().seed(), vehicleId, clipIndex);
        long contentSeed = Seeds.derive(settings.metadata().seed(), vehicleIndex, clipIndex, 7);
        long sizeBytes = clipSize(contentSeed);
        // The metadata must know the size: its duration is derived from it, so the bitrate is plausible.
        GeneratedMetadata generated = metadata.generate(vehicleIndex, clipIndex, sizeBytes);
        return new ClipTask(vehicleId, clipId, generated.anomaly(),
                () -> upload(vehicleId, clipId, contentSeed, sizeBytes, generated.metadata()));
    }

    private ClipUpload upload(String vehicleId, UUID clipId, long contentSeed, long sizeBytes, ClipMetadata meta) {
        ClipSpec spec = new ClipSpec(sizeBytes, meta.durationMillis(), meta.resolution().width(),
                meta.resolution().height(), meta.framesPerSecond(), meta.codec().equals("H265"),
                meta.captureStart(), contentSeed);
        Mp4Clip clip = new Mp4Clip(spec);
        return new ClipUpload(vehicleId, clipId, tokens.token(vehicleId), "video/mp4", clip.sha256(),
                MetadataCodec.toHeader(meta), ClipBody.of(clip));
    }

    private long clipSize(long contentSeed) {
        long min = settings.minClipBytes();
        long max = settings.maxClipBytes();
        return min == max ? min : min + new SplittableRandom(contentSeed).nextLong(max - min + 1);
    }
}
