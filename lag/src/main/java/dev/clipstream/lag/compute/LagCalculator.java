package dev.clipstream.lag.compute;

import dev.clipstream.lag.model.GroupLag;
import dev.clipstream.lag.model.LagStatus;
import dev.clipstream.lag.model.PartitionCondition;
import dev.clipstream.lag.model.PartitionLag;
import dev.clipstream.lag.model.UnitLag;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * Turns one {@link ClusterState} into lag figures per group and partition, reading the unconsumed records it needs
 * through the {@link RecordProbe}. Status is left OK here; the evaluator sets it from the window of samples.
 */
public final class LagCalculator {

    private final RecordProbe probe;
    private final PipelineUnits units;

    public LagCalculator(RecordProbe probe, PipelineUnits units) {
        this.probe = probe;
        this.units = units;
    }

    /** Where a group's unconsumed range of one partition starts, or why there is none to read. */
    private record Range(long from, long lost, PartitionCondition condition) {
    }

    public List<GroupLag> calculate(ClusterState state, long nowMillis) {
        Map<RecordProbe.Request, Range> requests = new LinkedHashMap<>();
        state.groups().forEach((group, offsets) -> {
            for (TopicPartition tp : state.partitions().get(group)) {
                LogOffsets log = state.logs().get(tp);
                Long committed = offsets.committed().get(tp);
                if (log == null || committed == null) {
                    continue;
                }
                Range range = range(committed, log);
                if (range.from() < log.end()) {
                    requests.put(new RecordProbe.Request(group, tp, range.from(), log.end()), range);
                }
            }
        });
        Map<RecordProbe.Request, RecordProbe.Result> probed = probe.probe(requests.keySet());
        probe.retain(requests.keySet());

        List<GroupLag> groups = new ArrayList<>();
        state.groups().forEach((group, offsets) -> {
            List<PartitionLag> partitions = new ArrayList<>();
            String error = offsets.error();
            for (TopicPartition tp : state.partitions().get(group)) {
                PartitionLag lag = partition(group, tp, offsets, state, probed, nowMillis);
                if (lag.condition() == PartitionCondition.UNREADABLE && error == null) {
                    error = lag.note();
                }
                partitions.add(lag);
            }
            groups.add(group(offsets, partitions, error));
        });
        return groups;
    }

    private static Range range(long committed, LogOffsets log) {
        if (committed < log.logStart()) {
            return new Range(log.logStart(), log.logStart() - committed, PartitionCondition.BEHIND_LOG_START);
        }
        if (committed > log.end()) {
            return new Range(log.end(), 0, PartitionCondition.AHEAD_OF_END);
        }
        return new Range(committed, 0, PartitionCondition.NORMAL);
    }

    private PartitionLag partition(String group, TopicPartition tp, GroupOffsets offsets, ClusterState state,
                                          Map<RecordProbe.Request, RecordProbe.Result> probed, long nowMillis) {
        String owner = offsets.owners().get(tp);
        LogOffsets log = state.logs().get(tp);
        Long committed = offsets.committed().get(tp);
        if (log == null) {
            String why = state.logErrors().getOrDefault(tp, "log offsets of " + tp + " not returned");
            return new PartitionLag(tp.topic(), tp.partition(), committed, -1, -1, null, null, null, 0, null,
                    PartitionCondition.UNREADABLE, owner, why);
        }
        if (committed == null) {
            return new PartitionLag(tp.topic(), tp.partition(), null, log.logStart(), log.end(), null, null, null, 0,
                    null, PartitionCondition.NO_COMMITTED_OFFSET, owner,
                    "no committed offset: lag undefined (the group starts per its auto.offset.reset)");
        }
        Range range = range(committed, log);
        String note = switch (range.condition()) {
            case BEHIND_LOG_START -> "committed offset " + committed + " is behind log start " + log.logStart()
                    + " (offset out of range): " + range.lost() + " records were deleted unread; lag counts from log start";
            case AHEAD_OF_END -> "committed offset " + committed + " is beyond the last stable offset " + log.end()
                    + " (open transaction read uncommitted, or a recreated topic)";
            default -> "";
        };
        if (range.from() >= log.end()) {
            return new PartitionLag(tp.topic(), tp.partition(), committed, log.logStart(), log.end(), 0L, 0L, null,
                    range.lost(), zeroUnits(tp), range.condition(), owner, note);
        }
        RecordProbe.Result result = probed.get(new RecordProbe.Request(group, tp, range.from(), log.end()));
        long offsetLag = log.end() - range.from();
        long recordLag;
        Long timeLag;
        if (result == null) {
            recordLag = offsetLag;
            timeLag = null;
        } else if (result.noDataRecords()) {
            return new PartitionLag(tp.topic(), tp.partition(), committed, log.logStart(), log.end(), 0L, 0L, null,
                    range.lost(), zeroUnits(tp), range.condition(), owner, join(note, offsetLag
                    + " offset(s) before the end hold only transaction markers or aborted records: not lag"));
        } else {
            if (result.exactRecords() != null) {
                recordLag = result.exactRecords();
            } else if (result.firstDataOffset() != null) {
                recordLag = log.end() - result.firstDataOffset();
            } else {
                recordLag = offsetLag;
            }
            if (recordLag < offsetLag) {
                note = join(note, (offsetLag - recordLag) + " transaction marker/aborted offset(s) not counted");
            }
            timeLag = result.firstTimestamp() == null ? null : Math.max(0, nowMillis - result.firstTimestamp());
            if (!result.complete() && result.firstTimestamp() == null) {
                note = join(note, "oldest unconsumed record not read in time: time lag unknown");
            }
        }
        UnitLag units = result == null ? null : units(result, recordLag);
        return new PartitionLag(tp.topic(), tp.partition(), committed, log.logStart(), log.end(), recordLag, timeLag,
                result == null ? null : result.firstTimestamp(), range.lost(), units, range.condition(), owner, note);
    }

    private UnitLag zeroUnits(TopicPartition tp) {
        return units.decoderFor(tp.topic()).isPresent() ? UnitLag.ZERO : null;
    }

    /** Units of the scanned records; scaled up to the whole record lag (and flagged) when the scan was bounded. */
    private static UnitLag units(RecordProbe.Result result, long recordLag) {
        RecordProbe.UnitSum sum = result.units();
        if (sum == null) {
            return null;
        }
        long decoded = result.scanned() - sum.undecodable();
        if (result.scanned() >= recordLag || decoded <= 0) {
            return new UnitLag(sum.clips(), sum.videoSeconds(), sum.videoBytes(), result.scanned(), false,
                    sum.undecodable());
        }
        double factor = (double) (recordLag - sum.undecodable()) / decoded;
        return new UnitLag(Math.round(sum.clips() * factor), sum.videoSeconds() * factor,
                Math.round(sum.videoBytes() * factor), result.scanned(), true, sum.undecodable());
    }

    private static GroupLag group(GroupOffsets offsets, List<PartitionLag> partitions, String error) {
        long records = 0;
        Long maxTime = null;
        UnitLag units = null;
        for (PartitionLag p : partitions) {
            if (p.recordLag() != null) {
                records += p.recordLag();
            }
            if (p.timeLagMillis() != null) {
                maxTime = maxTime == null ? p.timeLagMillis() : Math.max(maxTime, p.timeLagMillis());
            }
            if (p.units() != null) {
                units = units == null ? p.units() : units.plus(p.units());
            }
        }
        return new GroupLag(offsets.group(), offsets.type(), offsets.state(), offsets.members(), LagStatus.OK, "",
                records, maxTime, units, partitions, error);
    }

    /** A group's figures when nothing could be read. */
    public static GroupLag unreadable(String group, String error) {
        return new GroupLag(group, "UNKNOWN", "UNKNOWN", 0, LagStatus.ERROR, error, 0, null, null, List.of(), error);
    }

    private static String join(String a, String b) {
        return a.isEmpty() ? b : a + "; " + b;
    }

}
