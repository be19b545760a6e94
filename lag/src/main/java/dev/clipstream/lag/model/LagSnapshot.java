package dev.clipstream.lag.model;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Every watched group's lag at one evaluation, and what the evaluation cost. */
public record LagSnapshot(Instant takenAt, long evaluationMillis, List<GroupLag> groups) {

    public LagSnapshot {
        groups = List.copyOf(groups);
    }

    public Optional<GroupLag> group(String name) {
        return groups.stream().filter(g -> g.group().equals(name)).findFirst();
    }
}
