package dev.clipstream.cli.bench;

import java.util.Arrays;
import java.util.Collection;

/** Medians: what the benchmark reports, because single runs on a shared machine are noise. */
public final class Medians {

    private Medians() {
    }

    /** The middle value; the mean of the two middle values for an even count. */
    public static double of(Collection<Double> values) {
        if (values.isEmpty()) {
            throw new IllegalArgumentException("The median of no values is undefined");
        }
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    public static int of(int[] values) {
        if (values.length == 0) {
            throw new IllegalArgumentException("The median of no values is undefined");
        }
        int[] sorted = values.clone();
        Arrays.sort(sorted);
        // For sizes the lower middle is used: ProducerPerformance needs a whole number of bytes.
        return sorted[(sorted.length - 1) / 2];
    }
}
