package dev.clipstream.lag.web;

import dev.clipstream.lag.model.GroupLag;
import dev.clipstream.lag.model.LagSnapshot;
import dev.clipstream.lag.model.PartitionLag;
import dev.clipstream.lag.model.UnitLag;
import dev.clipstream.lag.monitor.LagHistory;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON shape of a snapshot, shared by {@code clipstream lag --json} and {@code GET /api/lag}: plain maps so the
 * field names are spelled out here once, and times are ISO-8601 strings and seconds.
 */
public final class LagJson {

    private LagJson() {
    }

    public static Map<String, Object> snapshot(LagSnapshot snapshot) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("takenAt", snapshot.takenAt().toString());
        json.put("evaluationMillis", snapshot.evaluationMillis());
        List<Object> groups = new ArrayList<>();
        snapshot.groups().forEach(g -> groups.add(group(g)));
        json.put("groups", groups);
        return json;
    }

    public static Map<String, Object> group(GroupLag g) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("group", g.group());
        json.put("type", g.groupType());
        json.put("state", g.groupState());
        json.put("members", g.members());
        json.put("status", g.status().name());
        json.put("statusReason", g.statusReason());
        json.put("recordLag", g.recordLag());
        json.put("timeLagSeconds", seconds(g.maxTimeLagMillis()));
        json.put("units", units(g.units()));
        json.put("error", g.error());
        List<Object> partitions = new ArrayList<>();
        g.partitions().forEach(p -> partitions.add(partition(p)));
        json.put("partitions", partitions);
        return json;
    }

    private static Map<String, Object> partition(PartitionLag p) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("topic", p.topic());
        json.put("partition", p.partition());
        json.put("committedOffset", p.committedOffset());
        json.put("logStartOffset", p.logStartOffset());
        json.put("endOffset", p.endOffset());
        json.put("recordLag", p.recordLag());
        json.put("timeLagSeconds", seconds(p.timeLagMillis()));
        json.put("oldestUnconsumedTimestamp", p.oldestUnconsumedTimestamp());
        json.put("lostRecords", p.lostRecords());
        json.put("condition", p.condition().name());
        json.put("units", units(p.units()));
        json.put("owner", p.owner());
        json.put("note", p.note());
        return json;
    }

    private static Map<String, Object> units(UnitLag u) {
        if (u == null) {
            return null;
        }
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("clips", u.clips());
        json.put("videoSeconds", u.videoSeconds());
        json.put("videoBytes", u.videoBytes());
        json.put("recordsScanned", u.recordsScanned());
        json.put("estimate", u.estimate());
        json.put("undecodable", u.undecodable());
        return json;
    }

    /** Series per group, column-wise as the chart wants them: t (epoch seconds), records, seconds. */
    public static Map<String, Object> history(Map<String, List<LagHistory.Point>> history) {
        Map<String, Object> json = new LinkedHashMap<>();
        history.forEach((group, points) -> {
            List<Double> t = new ArrayList<>(points.size());
            List<Long> records = new ArrayList<>(points.size());
            List<Double> seconds = new ArrayList<>(points.size());
            for (LagHistory.Point p : points) {
                t.add(p.epochMillis() / 1000.0);
                records.add(p.recordLag());
                seconds.add(p.timeLagSeconds());
            }
            Map<String, Object> series = new LinkedHashMap<>();
            series.put("t", t);
            series.put("records", records);
            series.put("seconds", seconds);
            json.put(group, series);
        });
        return json;
    }

    private static Double seconds(Long millis) {
        return millis == null ? null : millis / 1000.0;
    }
}
