package dev.clipstream.lag.model;

import java.util.List;

/**
 * One consumer group's lag and status at one evaluation.
 *
 * @param groupType        CLASSIC, CONSUMER (new protocol), STREAMS, or UNKNOWN when the group does not exist (yet)
 * @param groupState       the coordinator's state (STABLE, EMPTY, ...) or NOT_FOUND
 * @param members          current members; 0 for an empty or unknown group
 * @param recordLag        sum of the defined partition lags
 * @param maxTimeLagMillis the oldest unconsumed record's age over all partitions; null when none is known
 * @param units            summed pipeline units, null when no partition's topic carries units
 * @param error            why offsets could not be read (status ERROR), else null
 */
public record GroupLag(String group, String groupType, String groupState, int members, LagStatus status,
                       String statusReason, long recordLag, Long maxTimeLagMillis, UnitLag units,
                       List<PartitionLag> partitions, String error) {

    public GroupLag {
        partitions = List.copyOf(partitions);
    }

    public GroupLag withStatus(LagStatus newStatus, String reason) {
        return new GroupLag(group, groupType, groupState, members, newStatus, reason, recordLag, maxTimeLagMillis,
                units, partitions, error);
    }
}
