package dev.clipstream.fleet.sim;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

/**
 * Clip ids that a restarted uploader derives again instead of remembering: the same clip always gets the same id, so
 * ingest recognises a re-sent clip (200 already-accepted) and never emits a second event for it. The ids are shaped as
 * random (version 4) UUIDs, whose bits come from a hash instead of a random source.
 */
public final class ClipIds {

    private ClipIds() {
    }

    /** The id of clip {@code clipIndex} (0-based) of a simulated vehicle in a run with this seed. */
    public static UUID simulated(long seed, String vehicleId, long clipIndex) {
        return fromHash("clipstream-sim:" + seed + ":" + vehicleId + ":" + clipIndex);
    }

    /** The id of a real file's clip: a function of vehicle and content, so pushing the same file again is a no-op. */
    public static UUID ofContent(String vehicleId, String sha256) {
        return fromHash("clipstream-file:" + vehicleId + ":" + sha256);
    }

    private static UUID fromHash(String name) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
            long high = 0;
            long low = 0;
            for (int i = 0; i < 8; i++) {
                high = (high << 8) | (hash[i] & 0xFF);
                low = (low << 8) | (hash[i + 8] & 0xFF);
            }
            return asVersion4(high, low);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }

    private static UUID asVersion4(long high, long low) {
        long versioned = (high & ~0xF000L) | 0x4000L;
        long variant = (low & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
        return new UUID(versioned, variant);
    }
}
