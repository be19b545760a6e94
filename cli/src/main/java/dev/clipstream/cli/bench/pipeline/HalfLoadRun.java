package dev.clipstream.cli.bench.pipeline;

/**
 * Uploads at a fixed rate of half the maximum sustained end-to-end rate: the latency a clip sees when the pipeline is
 * not saturated.
 *
 * @param targetClipsPerSecond   half of the median end-to-end clips/s of the measured rounds
 * @param achievedClipsPerSecond clips / upload span
 */
public record HalfLoadRun(double targetClipsPerSecond, double achievedClipsPerSecond, int clips, int labeled,
                          int failedUploads, LatencySummary ackToLabeled, LatencySummary ackToDispatched,
                          ComponentSampler.Span components) {
}
