package dev.clipstream.backends.sim;

/**
 * How fast a backend trains: a job on {@code units} units takes
 * {@code videoSeconds x framesPerSecond x workPerFrameFlop / (units x unitPeakFlops x utilisation)} seconds.
 *
 * @param unitPeakFlops    peak FLOP/s of one unit (a Dojo training tile, one GPU), BF16
 * @param utilisation      fraction of peak a training job sustains (model FLOP utilisation), in (0, 1]
 * @param workPerFrameFlop training work per video frame (forward + backward, all epochs), in FLOP
 */
public record ThroughputModel(double unitPeakFlops, double utilisation, double workPerFrameFlop) {

    public ThroughputModel {
        requirePositive("unitPeakFlops", unitPeakFlops);
        requirePositive("workPerFrameFlop", workPerFrameFlop);
        if (!(utilisation > 0 && utilisation <= 1)) {
            throw new IllegalArgumentException("utilisation must be in (0, 1], was " + utilisation);
        }
    }

    /** Seconds a job of this much video takes on {@code units} units at full speed. */
    public double durationSeconds(double videoSeconds, double framesPerSecond, int units) {
        if (units <= 0) {
            throw new IllegalArgumentException("units must be positive, was " + units);
        }
        return videoSeconds * framesPerSecond * workPerFrameFlop / (units * unitPeakFlops * utilisation);
    }

    static void requirePositive(String name, double value) {
        if (!(value > 0) || Double.isInfinite(value)) {
            throw new IllegalArgumentException(name + " must be a positive finite number, was " + value);
        }
    }
}
