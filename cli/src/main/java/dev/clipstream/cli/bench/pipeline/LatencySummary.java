package dev.clipstream.cli.bench.pipeline;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.HdrHistogram.Histogram;

/**
 * Percentiles of one latency histogram in milliseconds. The histogram records microseconds, so sub-millisecond
 * latencies keep their resolution; an empty histogram has no percentiles (NaN), which the report prints as "-".
 *
 * @param count        clips the histogram holds
 * @param distribution the latency at a ladder of percentiles (0 .. 99.99), for the distribution chart
 */
public record LatencySummary(long count, double p50Millis, double p99Millis, double p999Millis, double maxMillis,
                             List<PercentilePoint> distribution) {

    /** The latency at one percentile. */
    public record PercentilePoint(double percentile, double millis) {
    }

    /** Percentiles of the distribution chart: even steps below 90, then the tail. */
    static final double[] LADDER = {0, 10, 20, 30, 40, 50, 60, 70, 80, 90, 95, 97, 99, 99.5, 99.9, 99.95, 99.99};

    public LatencySummary {
        distribution = List.copyOf(distribution);
    }

    /** Highest latency a histogram can hold: one hour in microseconds (a clip that takes longer is a failure). */
    static final long HIGHEST_TRACKABLE_MICROS = 3_600_000_000L;

    static final LatencySummary EMPTY = new LatencySummary(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN,
            List.of());

    /** A histogram for {@link #of}: microseconds, 3 significant digits. */
    static Histogram newHistogram() {
        return new Histogram(HIGHEST_TRACKABLE_MICROS, 3);
    }

    public static LatencySummary of(Histogram micros) {
        if (micros.getTotalCount() == 0) {
            return EMPTY;
        }
        List<PercentilePoint> distribution = new ArrayList<>();
        for (double percentile : LADDER) {
            distribution.add(new PercentilePoint(percentile, millis(micros, percentile)));
        }
        return new LatencySummary(micros.getTotalCount(), millis(micros, 50), millis(micros, 99),
                millis(micros, 99.9), micros.getMaxValue() / 1000.0, distribution);
    }

    /** The latency at {@code percentile} (0..100) in ms; NaN when empty. */
    public static double millis(Histogram micros, double percentile) {
        if (micros.getTotalCount() == 0) {
            return Double.NaN;
        }
        return micros.getValueAtPercentile(percentile) / 1000.0;
    }

    /** e.g. "412 / 980 / 1210 ms (p50 / p99 / p999)". */
    public String describe() {
        return format(p50Millis) + " / " + format(p99Millis) + " / " + format(p999Millis) + " ms (p50 / p99 / p999, "
                + count + " clips)";
    }

    static String format(double millis) {
        if (Double.isNaN(millis)) {
            return "-";
        }
        return millis >= 100 ? String.format(Locale.ROOT, "%.0f", millis) : String.format(Locale.ROOT, "%.1f", millis);
    }
}
