package dev.clipstream.cli.bench.pipeline;

import java.util.List;
import java.util.Map;

/**
 * One measured push of clips through the whole pipeline, with the ceiling measured right before it.
 *
 * @param clips                    clips acknowledged (201) by ingest in this round
 * @param labeled                  of those, seen on clips.labeled
 * @param rejected                 of those, seen on clips.rejected (the fleet's share of implausible or unattested clips)
 * @param dispatched               of the labeled ones, in a batch a backend accepted (PLACED)
 * @param uploadedRecords          records seen on clips.uploaded in the round (must equal {@code clips})
 * @param endToEndClipsPerSecond   dispatched clips / (first upload started .. last of them dispatched)
 * @param uploadClipsPerSecond     clips / upload span (what the HTTP client achieved)
 * @param stageRecordsPerSecond    records/s on each stage's topic between its first and last record of the round
 * @param recordsPerSecondSeries   records seen on each stage's topic per one-second bucket since the round began
 * @param clipsPerSecondSeries     this round's clips reaching each stage per one-second bucket (acknowledged,
 *                                 labeled, in a batch, in a dispatched batch)
 */
public record PipelineRound(int round, int clips, int labeled, int rejected, int dispatched, long uploadedRecords,
                            int failedUploads, long retries, double endToEndClipsPerSecond, double uploadClipsPerSecond,
                            Map<Stage, Double> stageRecordsPerSecond, Map<Stage, List<Long>> recordsPerSecondSeries,
                            Map<Stage, List<Long>> clipsPerSecondSeries,
                            LatencySummary ackToLabeled, LatencySummary ackToDispatched,
                            Map<Stage, CeilingRun> ceiling, ComponentSampler.Span components) {

    /** The end-to-end ratio against ProducerPerformance at the ClipUploaded size. */
    public double endToEndRatio() {
        return CeilingRatios.endToEnd(endToEndClipsPerSecond, Stage.hops(),
                ceiling.get(Stage.UPLOADED).producerRecordsPerSecond());
    }

    public double hopRatio(Stage stage) {
        return CeilingRatios.hop(stageRecordsPerSecond.get(stage), ceiling.get(stage).producerRecordsPerSecond());
    }
}
