package dev.clipstream.lag.status;

import java.time.Instant;
import java.util.Map;

/**
 * One group at one evaluation, reduced to what its status depends on.
 *
 * @param offsetsReadable false when committed, start or end offsets could not be read
 * @param error           why not, when not readable
 * @param partitions      keyed by "topic-partition"
 */
public record GroupSample(Instant takenAt, boolean offsetsReadable, String error, int members,
                          Map<String, PartitionSample> partitions) {

    public GroupSample {
        partitions = Map.copyOf(partitions);
    }

    public long totalLag() {
        return partitions.values().stream().filter(p -> p.lag() != null).mapToLong(PartitionSample::lag).sum();
    }
}
