package dev.clipstream.labeling.topology;

import dev.clipstream.schemas.avro.ClipRejected;

/**
 * The outcome of one step for one clip: either the value passes on, or the clip is rejected. Lives only between
 * processors of one sub-topology (never serialized).
 */
public record Screened<T>(T passed, ClipRejected rejected) {

    public static <T> Screened<T> pass(T value) {
        return new Screened<>(value, null);
    }

    public static <T> Screened<T> reject(ClipRejected rejection) {
        return new Screened<>(null, rejection);
    }

    public boolean isRejected() {
        return rejected != null;
    }
}
