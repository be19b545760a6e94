package dev.clipstream.replay.manifest;

/** Offsets {@code [start, end)} of one partition. */
public record OffsetRange(long start, long end) {

    public OffsetRange {
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("Bad offset range [" + start + ", " + end + ")");
        }
    }

    public boolean isEmpty() {
        return start == end;
    }
}
