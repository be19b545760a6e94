package dev.clipstream.lag.metrics;

import dev.clipstream.lag.model.GroupLag;
import dev.clipstream.lag.model.LagSnapshot;
import dev.clipstream.lag.model.PartitionLag;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Publishes each snapshot as Prometheus gauges: per group (records, seconds, units, members, status as its
 * severity 0=OK .. 4=ERROR) and per group/topic/partition (records, seconds). Undefined figures (no committed offset,
 * unknown time lag) are NaN, not 0, so a dashboard does not show a false "caught up". Gauges of groups or partitions
 * that disappear are removed.
 */
public final class LagMetrics {

    private static final class Value {
        volatile double value = Double.NaN;
    }

    private record Key(String name, Tags tags) {
    }

    private final MeterRegistry registry;
    private final Map<Key, Value> values = new HashMap<>();
    private final Map<Key, Gauge> gauges = new HashMap<>();
    private final Timer evaluation;

    public LagMetrics(MeterRegistry registry) {
        this.registry = registry;
        this.evaluation = Timer.builder("clipstream.lag.evaluation")
                .description("Time one full lag evaluation took").register(registry);
    }

    public synchronized void update(LagSnapshot snapshot) {
        evaluation.record(Duration.ofMillis(snapshot.evaluationMillis()));
        Set<Key> seen = new HashSet<>();
        for (GroupLag g : snapshot.groups()) {
            Tags tags = Tags.of("group", g.group());
            boolean undefined = !g.partitions().isEmpty()
                    && g.partitions().stream().allMatch(p -> p.recordLag() == null);
            set(seen, "clipstream.lag.group.records", tags, undefined ? Double.NaN : g.recordLag(),
                    "Unconsumed records of the group (NaN when no partition has a committed offset)");
            set(seen, "clipstream.lag.group.seconds", tags, seconds(g.maxTimeLagMillis()),
                    "Age of the group's oldest unconsumed record");
            set(seen, "clipstream.lag.group.status", tags, g.status().severity(),
                    "Status: 0 OK, 1 WARNING, 2 STALLED, 3 STOPPED, 4 ERROR");
            set(seen, "clipstream.lag.group.members", tags, g.members(), "Members of the group");
            if (g.units() != null) {
                set(seen, "clipstream.lag.group.clips", tags, g.units().clips(), "Clips behind");
                set(seen, "clipstream.lag.group.video.seconds", tags, g.units().videoSeconds(),
                        "Seconds of video behind");
                set(seen, "clipstream.lag.group.video.bytes", tags, g.units().videoBytes(), "Bytes of video behind");
            }
            for (PartitionLag p : g.partitions()) {
                Tags pt = Tags.of("group", g.group(), "topic", p.topic(), "partition", Integer.toString(p.partition()));
                set(seen, "clipstream.lag.partition.records", pt,
                        p.recordLag() == null ? Double.NaN : p.recordLag(), "Unconsumed records of the partition");
                set(seen, "clipstream.lag.partition.seconds", pt, seconds(p.timeLagMillis()),
                        "Age of the partition's oldest unconsumed record");
            }
        }
        for (Key key : new HashSet<>(gauges.keySet())) {
            if (!seen.contains(key)) {
                registry.remove(gauges.remove(key));
                values.remove(key);
            }
        }
    }

    private void set(Set<Key> seen, String name, Tags tags, double value, String description) {
        Key key = new Key(name, tags);
        seen.add(key);
        Value holder = values.computeIfAbsent(key, k -> {
            Value v = new Value();
            gauges.put(k, Gauge.builder(name, v, h -> h.value).tags(tags).description(description)
                    .register(registry));
            return v;
        });
        holder.value = value;
    }

    private static double seconds(Long millis) {
        return millis == null ? Double.NaN : millis / 1000.0;
    }
}
