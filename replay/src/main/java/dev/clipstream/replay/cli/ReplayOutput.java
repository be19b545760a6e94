package dev.clipstream.replay.cli;

import dev.clipstream.replay.DatasetReplay;
import dev.clipstream.replay.estimate.TrainingEstimator;
import dev.clipstream.replay.publish.PublishResult;
import dev.clipstream.replay.selection.BatchSelection;
import dev.clipstream.schemas.avro.DatasetManifest;
import dev.clipstream.schemas.avro.DatasetTotals;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

/** The text `clipstream replay` prints: dry-run report, summary, dataset list. */
final class ReplayOutput {

    private ReplayOutput() {
    }

    static void dryRun(PrintWriter out, DatasetReplay.Plan plan, TrainingEstimator estimator) {
        DatasetManifest manifest = plan.manifest();
        out.println("Dry run: nothing is written to Kafka.");
        out.printf("Selection:   %s%n", plan.snapshot().selection().describe());
        out.printf("Snapshot:    %s up to offsets %s (%,d records scanned%s)%n", plan.snapshot().topic(),
                plan.snapshot().endOffsets(), plan.snapshot().scannedRecords(),
                plan.snapshot().unreadableRecords() > 0
                        ? ", " + plan.snapshot().unreadableRecords() + " unreadable skipped" : "");
        String dataset = switch (plan.decision()) {
            case CREATED -> manifest.getManifestId() + " (new dataset)";
            case NEW_VERSION -> manifest.getManifestId() + " (new version; latest is v"
                    + plan.latestVersion().orElseThrow().getVersion() + ")";
            case UNCHANGED -> manifest.getManifestId() + " (unchanged: the latest version selects the same batches)";
            default -> "none: nothing matches the selection";
        };
        out.printf("Dataset:     %s%n", dataset);
        totals(out, "Would replay:", manifest.getTotals());
        estimate(out, estimator, manifest.getTotals().getTotalVideoSeconds());
        out.flush();
    }

    static void manifestDryRun(PrintWriter out, DatasetManifest manifest, int alreadyPublished,
                               TrainingEstimator estimator) {
        out.println("Dry run: nothing is written to Kafka.");
        out.printf("Dataset:     %s, selection %s%n", manifest.getManifestId(),
                BatchSelection.fromAvro(manifest.getSelection()).describe());
        out.printf("Published:   %d of %d batches by earlier runs%n", alreadyPublished,
                manifest.getTotals().getBatchCount());
        totals(out, "Would replay:", manifest.getTotals());
        estimate(out, estimator, manifest.getTotals().getTotalVideoSeconds());
        out.flush();
    }

    static void totals(PrintWriter out, String label, DatasetTotals totals) {
        out.printf("%-12s %,d batches, %,d clips, %.2f hours of video (%s)%n", label, totals.getBatchCount(),
                totals.getClipCount(), totals.getTotalVideoSeconds() / 3600, bytes(totals.getTotalBytes()));
    }

    static void estimate(PrintWriter out, TrainingEstimator estimator, double videoSeconds) {
        out.printf("Estimated training time (%.0f fps x %,.1f TFLOP/frame at %.0f%% utilization):%n",
                estimator.framesPerSecond(), estimator.teraflopPerFrame(), estimator.utilization() * 100);
        Map<String, Duration> estimates = estimator.estimate(videoSeconds);
        estimator.backends().forEach(backend -> out.printf("  %-10s %,10.0f PFLOPS  %s%n", backend.name(),
                backend.pflops(), duration(estimates.get(backend.name()))));
    }

    static void summary(PrintWriter out, DatasetManifest manifest, DatasetReplay.Decision decision,
                        PublishResult result, String topic) {
        String how = switch (decision) {
            case CREATED -> "new dataset";
            case NEW_VERSION -> "new version";
            case RESUMING -> "resumed an interrupted replay";
            case UNCHANGED -> "unchanged dataset";
            default -> "";
        };
        if (result.stopped()) {
            out.printf("Replay of %s stopped: %d of %d batches published (committed). Run the same command again, "
                    + "or `clipstream replay --manifest %s`, to continue without duplicates.%n",
                    manifest.getManifestId(), result.alreadyPublished() + result.published(), result.total(),
                    manifest.getManifestId());
        } else {
            out.printf("Replay of %s (%s) complete: %d batches published now, %d already published earlier, "
                    + "%d in total.%n", manifest.getManifestId(), how, result.published(), result.alreadyPublished(),
                    result.total());
        }
        out.printf("  %,d clips, %.2f hours of video published to %s as origin=REPLAY, dataset %s version %d%n",
                result.clipsPublished(), result.videoSecondsPublished() / 3600, topic, manifest.getDatasetId(),
                manifest.getVersion());
        out.printf("  %d transactions in %.1f s: %.0f batches/s, %.0f clips/s%n", result.transactions(),
                result.elapsed().toMillis() / 1000.0, result.batchesPerSecond(), result.clipsPerSecond());
        out.flush();
    }

    static void list(PrintWriter out, List<DatasetManifest> manifests) {
        if (manifests.isEmpty()) {
            out.println("No datasets yet. Create one with `clipstream replay --campaign ID` (see --help).");
            out.flush();
            return;
        }
        out.printf("%-44s %-20s %8s %9s %8s  %s%n", "MANIFEST", "CREATED", "BATCHES", "CLIPS", "HOURS", "SELECTION");
        for (DatasetManifest manifest : manifests) {
            DatasetTotals totals = manifest.getTotals();
            out.printf("%-44s %-20s %8d %9d %8.2f  %s%n", manifest.getManifestId(),
                    manifest.getCreatedAt().truncatedTo(ChronoUnit.SECONDS),
                    totals.getBatchCount(), totals.getClipCount(), totals.getTotalVideoSeconds() / 3600,
                    BatchSelection.fromAvro(manifest.getSelection()).describe());
        }
        out.flush();
    }

    static String duration(Duration duration) {
        long seconds = duration.toSeconds();
        if (seconds < 60) {
            return String.format("%.1f s", duration.toMillis() / 1000.0);
        }
        return String.format("%dh %02dm %02ds", seconds / 3600, (seconds % 3600) / 60, seconds % 60);
    }

    static String bytes(long bytes) {
        if (bytes < 1024 * 1024) {
            return String.format("%,d bytes", bytes);
        }
        if (bytes < 1024L * 1024 * 1024) {
            return String.format("%.1f MiB", bytes / 1048576.0);
        }
        return bytes < 1024L * 1024 * 1024 * 1024 ? String.format("%.2f GiB", bytes / 1073741824.0)
                : String.format("%.2f TiB", bytes / 1099511627776.0);
    }
}
