package dev.clipstream.fleet;

/**
 * Derives independent seeds from a run seed and coordinates (vehicle, clip, purpose), so every clip is a pure
 * function of them: a restarted run regenerates exactly the same clips, whatever order they are produced in.
 */
public final class Seeds {

    private Seeds() {
    }

    /** SplitMix64 applied to each part in turn. */
    public static long derive(long seed, long... parts) {
        long state = mix(seed);
        for (long part : parts) {
            state = mix(state ^ mix(part + 0x9E3779B97F4A7C15L));
        }
        return state;
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
