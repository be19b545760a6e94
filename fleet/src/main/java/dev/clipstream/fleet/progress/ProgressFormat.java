package dev.clipstream.fleet.progress;

import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** The progress line and the end-of-run summary table of an upload run. */
public final class ProgressFormat {

    private ProgressFormat() {
    }

    /** e.g. {@code [  12s] clips ok 340 (already 2) failed 1 | 18.4 MB/s | retries 7 | errors: 503 unavailable=7}. */
    public static String line(UploadStats.Snapshot s) {
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT,
                "[%5ds] clips ok %d (already %d, skipped %d) failed %d | %.1f MB/s | retries %d",
                s.elapsed().toSeconds(), s.accepted(), s.alreadyAccepted(), s.skippedFromJournal(), s.failed(),
                s.megabytesPerSecond(), s.retries()));
        if (!s.errorsByKind().isEmpty()) {
            line.append(" | errors: ").append(errors(s.errorsByKind()));
        }
        return line.toString();
    }

    public static String summary(UploadStats.Snapshot s) {
        String rows = String.join("\n",
                row("elapsed", String.format(Locale.ROOT, "%.1f s", s.elapsed().toMillis() / 1000.0)),
                row("clips created (201)", String.valueOf(s.created())),
                row("clips already accepted (200)", String.valueOf(s.alreadyAccepted())),
                row("clips skipped (journal: accepted before)", String.valueOf(s.skippedFromJournal())),
                row("clips failed", String.valueOf(s.failed())),
                row("bytes accepted", String.format(Locale.ROOT, "%.1f MB", s.acceptedBytes() / 1e6)),
                row("throughput", String.format(Locale.ROOT, "%.1f clips/s, %.1f MB/s",
                        s.clipsPerSecond(), s.megabytesPerSecond())),
                row("retries", String.valueOf(s.retries())),
                row("errors by kind", s.errorsByKind().isEmpty() ? "none" : errors(s.errorsByKind())));
        return "Summary\n" + rows;
    }

    private static String row(String label, String value) {
        return String.format(Locale.ROOT, "  %-42s %s", label, value);
    }

    private static String errors(Map<String, Long> errorsByKind) {
        return errorsByKind.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(", "));
    }
}
