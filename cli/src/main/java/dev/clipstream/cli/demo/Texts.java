package dev.clipstream.cli.demo;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/** Small formatting helpers shared by the live view and the summary. */
final class Texts {

    private Texts() {
    }

    static String counts(Map<String, Long> byName) {
        if (byName.isEmpty()) {
            return "none";
        }
        return new java.util.TreeMap<>(byName).entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                .collect(Collectors.joining(", "));
    }

    static String megabytes(long bytes) {
        return bytes < 0 ? "unknown" : String.format(Locale.ROOT, "%,d MB", Math.round(bytes / (1024.0 * 1024.0)));
    }

    static String seconds(Duration duration) {
        long s = duration.toSeconds();
        return s >= 60 ? String.format(Locale.ROOT, "%dm %02ds", s / 60, s % 60) : s + " s";
    }

    static String percent(double share) {
        return String.format(Locale.ROOT, "%.0f%%", share * 100);
    }

    /** A bar of {@code width} cells, the first share of them filled. */
    static String bar(double share, int width) {
        int filled = (int) Math.round(Math.max(0, Math.min(1, share)) * width);
        return "#".repeat(filled) + ".".repeat(width - filled);
    }
}
