package dev.clipstream.lag.status;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/** The last N samples of one group, oldest first. Not thread-safe: one evaluation thread owns it. */
public final class SampleWindow {

    private final int capacity;
    private final Deque<GroupSample> samples = new ArrayDeque<>();

    public SampleWindow(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("window capacity must be >= 1, was " + capacity);
        }
        this.capacity = capacity;
    }

    public void add(GroupSample sample) {
        samples.addLast(sample);
        while (samples.size() > capacity) {
            samples.removeFirst();
        }
    }

    public List<GroupSample> samples() {
        return List.copyOf(samples);
    }
}
