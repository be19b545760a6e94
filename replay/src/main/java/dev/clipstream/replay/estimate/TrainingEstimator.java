package dev.clipstream.replay.estimate;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A deliberately simple estimate of how long one pass over a dataset takes on each backend:
 * {@code seconds of video x frames per second x work per frame / (backend throughput x utilization)}.
 * It ignores queueing, data loading and scheduling; it is for comparing datasets and backends, not a promise.
 *
 * @param framesPerSecond      frames per second of video the training consumes
 * @param teraflopPerFrame     training work per frame (forward + backward) in TFLOP (10^12 operations)
 * @param utilization          fraction of peak throughput a training job sustains, (0, 1]
 * @param backends             throughput of each backend
 */
public record TrainingEstimator(double framesPerSecond, double teraflopPerFrame, double utilization,
                                List<BackendThroughput> backends) {

    public TrainingEstimator {
        if (!(framesPerSecond > 0)) {
            throw new IllegalArgumentException("Frames per second must be > 0, was " + framesPerSecond);
        }
        if (!(teraflopPerFrame > 0)) {
            throw new IllegalArgumentException("Work per frame must be > 0 TFLOP, was " + teraflopPerFrame);
        }
        if (!(utilization > 0) || utilization > 1) {
            throw new IllegalArgumentException("Utilization must be in (0, 1], was " + utilization);
        }
        if (backends.isEmpty()) {
            throw new IllegalArgumentException("At least one backend throughput is needed");
        }
        backends = List.copyOf(backends);
    }

    /** Total training work for {@code videoSeconds} of video, in FLOP. */
    public double work(double videoSeconds) {
        return videoSeconds * framesPerSecond * teraflopPerFrame * 1e12;
    }

    /** Estimated duration per backend, in the backends' order. */
    public Map<String, Duration> estimate(double videoSeconds) {
        Map<String, Duration> estimates = new LinkedHashMap<>();
        double work = work(videoSeconds);
        for (BackendThroughput backend : backends) {
            double seconds = work / (backend.pflops() * 1e15 * utilization);
            estimates.put(backend.name(), Duration.ofMillis(Math.round(seconds * 1000)));
        }
        return estimates;
    }
}
