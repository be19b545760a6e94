package dev.clipstream.cli.bench.pipeline;

/**
 * The ratios of the pipeline to Kafka's own ceiling, measured in the same round.
 *
 * <ul>
 *   <li><b>end-to-end ratio</b> = end-to-end clips/s x Kafka hops per clip / ProducerPerformance records/s at the
 *       ClipUploaded record size. Each hop is one write of the clip (or its share of a batch) to a topic; if every hop
 *       could go at the producer's raw rate, a pipeline with H hops on one broker could at best move 1/H of it end to
 *       end, so 1.0 means "as fast as Kafka's own producer". Target: at least 0.7.</li>
 *   <li><b>hop ratio</b> = records/s through one topic / ProducerPerformance records/s at that topic's record size.
 *       Target: at least 0.7 per hop.</li>
 * </ul>
 */
public final class CeilingRatios {

    /** Target of both ratios (issue 8). */
    public static final double TARGET = 0.7;

    private CeilingRatios() {
    }

    public static double endToEnd(double clipsPerSecond, int hops, double referenceRecordsPerSecond) {
        requirePositive(referenceRecordsPerSecond, "reference records/s");
        if (hops < 1) {
            throw new IllegalArgumentException("hops must be >= 1, was " + hops);
        }
        if (!(clipsPerSecond >= 0)) {
            throw new IllegalArgumentException("clips/s must be >= 0, was " + clipsPerSecond);
        }
        return clipsPerSecond * hops / referenceRecordsPerSecond;
    }

    public static double hop(double recordsPerSecond, double referenceRecordsPerSecond) {
        requirePositive(referenceRecordsPerSecond, "reference records/s");
        if (!(recordsPerSecond >= 0)) {
            throw new IllegalArgumentException("records/s must be >= 0, was " + recordsPerSecond);
        }
        return recordsPerSecond / referenceRecordsPerSecond;
    }

    public static boolean met(double ratio) {
        return ratio >= TARGET;
    }

    private static void requirePositive(double value, String what) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(what + " must be a positive number, was " + value);
        }
    }
}
