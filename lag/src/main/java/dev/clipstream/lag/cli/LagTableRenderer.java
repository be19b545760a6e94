package dev.clipstream.lag.cli;

import dev.clipstream.lag.model.GroupLag;
import dev.clipstream.lag.model.LagSnapshot;
import dev.clipstream.lag.model.PartitionCondition;
import dev.clipstream.lag.model.PartitionLag;
import dev.clipstream.lag.model.UnitLag;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The human table of {@code clipstream lag}: one block per group, one row per partition. */
final class LagTableRenderer {

    private LagTableRenderer() {
    }

    static String render(LagSnapshot snapshot, boolean partitions) {
        StringBuilder out = new StringBuilder();
        out.append("Consumer lag at ").append(snapshot.takenAt()).append(" (evaluated in ")
                .append(snapshot.evaluationMillis()).append(" ms)\n");
        if (snapshot.groups().isEmpty()) {
            out.append("\nNo groups to report. Name one with --group, or use --all-groups.\n");
        }
        for (GroupLag g : snapshot.groups()) {
            out.append('\n').append(g.group()).append("  ").append(g.status()).append("  ")
                    .append(g.members()).append(" member(s), ").append(g.groupType()).append('/').append(g.groupState())
                    .append('\n');
            out.append("  lag: ").append(g.recordLag()).append(" records, oldest unconsumed ")
                    .append(duration(g.maxTimeLagMillis()));
            if (g.units() != null) {
                out.append(", ").append(units(g.units()));
            }
            out.append('\n');
            String why = g.error() != null ? g.error() : g.statusReason();
            if (why != null && !why.isEmpty()) {
                out.append("  ").append(g.status()).append(": ").append(why).append('\n');
            }
            if (partitions && !g.partitions().isEmpty()) {
                out.append(table(g.partitions()));
            }
        }
        return out.toString();
    }

    private static String table(List<PartitionLag> partitions) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[]{"TOPIC-PARTITION", "COMMITTED", "LOG-START", "END(LSO)", "LAG", "OLDEST", "UNITS",
                "OWNER", "NOTE"});
        for (PartitionLag p : partitions) {
            String note = p.condition() == PartitionCondition.NORMAL ? p.note()
                    : p.condition() + (p.note().isEmpty() ? "" : ": " + p.note());
            rows.add(new String[]{p.topic() + "-" + p.partition(),
                    p.committedOffset() == null ? "-" : Long.toString(p.committedOffset()),
                    p.logStartOffset() < 0 ? "?" : Long.toString(p.logStartOffset()),
                    p.endOffset() < 0 ? "?" : Long.toString(p.endOffset()),
                    p.recordLag() == null ? "undefined" : Long.toString(p.recordLag()),
                    duration(p.timeLagMillis()),
                    p.units() == null ? "-" : units(p.units()),
                    p.owner() == null ? "-" : p.owner(),
                    note});
        }
        int[] widths = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length - 1; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (String[] row : rows) {
            out.append("  ");
            for (int i = 0; i < row.length; i++) {
                out.append(i == row.length - 1 ? row[i] : pad(row[i], widths[i] + 2));
            }
            out.append('\n');
        }
        return out.toString().replaceAll(" +\n", "\n");
    }

    private static String pad(String text, int width) {
        return text + " ".repeat(Math.max(0, width - text.length()));
    }

    static String duration(Long millis) {
        if (millis == null) {
            return "unknown";
        }
        double s = millis / 1000.0;
        if (s < 90) {
            return String.format(Locale.ROOT, "%.1fs", s);
        }
        if (s < 5400) {
            return String.format(Locale.ROOT, "%.1fmin", s / 60);
        }
        return String.format(Locale.ROOT, "%.1fh", s / 3600);
    }

    static String units(UnitLag u) {
        String approx = u.estimate() ? "~" : "";
        return approx + u.clips() + " clips/" + approx + duration(Math.round(u.videoSeconds() * 1000)) + " video/"
                + approx + bytes(u.videoBytes());
    }

    private static String bytes(long bytes) {
        String[] units = {"B", "KiB", "MiB", "GiB", "TiB"};
        double value = bytes;
        int i = 0;
        while (value >= 1024 && i < units.length - 1) {
            value /= 1024;
            i++;
        }
        return i == 0 ? bytes + "B" : String.format(Locale.ROOT, "%.1f%s", value, units[i]);
    }
}
