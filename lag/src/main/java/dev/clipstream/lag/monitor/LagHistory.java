package dev.clipstream.lag.monitor;

import dev.clipstream.lag.model.GroupLag;
import dev.clipstream.lag.model.LagSnapshot;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Each group's lag over the last minutes, for the web page's charts. Thread-safe. */
public final class LagHistory {

    /** One point of a group's series; {@code timeLagSeconds} null when unknown. */
    public record Point(long epochMillis, long recordLag, Double timeLagSeconds, String status) {
    }

    private final Duration keep;
    private final Map<String, Deque<Point>> series = new LinkedHashMap<>();

    public LagHistory(Duration keep) {
        this.keep = keep;
    }

    public synchronized void add(LagSnapshot snapshot) {
        long now = snapshot.takenAt().toEpochMilli();
        for (GroupLag group : snapshot.groups()) {
            Double seconds = group.maxTimeLagMillis() == null ? null : group.maxTimeLagMillis() / 1000.0;
            series.computeIfAbsent(group.group(), g -> new ArrayDeque<>())
                    .addLast(new Point(now, group.recordLag(), seconds, group.status().name()));
        }
        long oldest = now - keep.toMillis();
        series.values().forEach(points -> {
            while (!points.isEmpty() && points.peekFirst().epochMillis() < oldest) {
                points.removeFirst();
            }
        });
        series.values().removeIf(Deque::isEmpty);
    }

    public synchronized Map<String, List<Point>> snapshot() {
        Map<String, List<Point>> copy = new LinkedHashMap<>();
        series.forEach((group, points) -> copy.put(group, new ArrayList<>(points)));
        return copy;
    }
}
