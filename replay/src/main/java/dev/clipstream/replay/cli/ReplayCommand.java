package dev.clipstream.replay.cli;

import dev.clipstream.replay.DatasetReplay;
import dev.clipstream.replay.ReplayClients;
import dev.clipstream.replay.ReplaySettings;
import dev.clipstream.replay.ReplayTopics;
import dev.clipstream.replay.publish.PublishResult;
import dev.clipstream.replay.publish.ReplayProgressListener;
import dev.clipstream.replay.selection.BatchSelection;
import dev.clipstream.replay.selection.DatasetIds;
import dev.clipstream.runtime.config.ConfigException;
import dev.clipstream.schemas.avro.DatasetManifest;
import dev.clipstream.schemas.serde.SerdeSettings;
import dev.clipstream.schemas.topic.TopicCatalog;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code clipstream replay}: select training batches into a dataset manifest and republish them for retraining. */
@Command(
        name = "replay",
        header = "Select training batches into a dataset manifest and replay them to training.",
        mixinStandardHelpOptions = true,
        subcommands = {ReplayListCommand.class},
        description = {
                "Select training batches by campaign, labels and/or time into an exact, reproducible dataset "
                        + "(a manifest of offset ranges and batch ids on the `datasets` topic) and republish them to "
                        + "training.batches as REPLAY batches of a new dataset version.",
                "Reads with its own position (no consumer group): live consumers and their offsets are untouched. "
                        + "Publishing is transactional and resumable: rerun the same command (or use --manifest) "
                        + "after an interruption and it continues without duplicates."},
        footerHeading = "%nExamples:%n",
        footer = {
                "  clipstream replay --campaign unprotected-left-turns-eu --label time-of-day=NIGHT --dry-run",
                "  clipstream replay --campaign heavy-rain --from 2026-11-01 --to 2026-11-28T12:00:00Z",
                "  clipstream replay --manifest ds-heavy-rain-3fa2b91c0d@v2",
                "  clipstream replay list"})
public final class ReplayCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Mixin
    ConnectionOptions connection;

    @Option(names = "--campaign", paramLabel = "ID", description = "Take batches of this campaign (repeatable: any of them).")
    List<String> campaigns = new ArrayList<>();

    @Option(names = "--label", paramLabel = "KIND=VALUE",
            description = "Take batches with a clip carrying this label: scenario=<tag>, weather=<CLEAR|CLOUDY|RAIN|"
                    + "SNOW|FOG|HAIL> or time-of-day=<DAWN|DAY|DUSK|NIGHT>. Repeatable: one clip must carry all.")
    List<String> labels = new ArrayList<>();

    @Option(names = "--from", paramLabel = "ISO-8601", description = "Batches created at or after this time.")
    String from;

    @Option(names = "--to", paramLabel = "ISO-8601", description = "Batches created before this time.")
    String to;

    @Option(names = "--all", description = "Select every live batch (no campaign, label or time restriction).")
    boolean all;

    @Option(names = "--manifest", paramLabel = "ID",
            description = "Replay a stored manifest (<datasetId>@v<N>, see `replay list`) instead of a selection.")
    String manifestId;

    @Option(names = "--dry-run", description = "Print what would be replayed (batches, clips, hours of video, "
            + "estimated training time per backend); write nothing.")
    boolean dryRun;

    @Option(names = "--no-progress", description = "Do not draw the progress bar.")
    boolean noProgress;

    @Option(names = "--transaction-size", paramLabel = "N",
            description = "Batches per transaction (default: replay.transaction.size, 100).")
    Integer transactionSize;

    @Option(names = "--fps", paramLabel = "FPS", description = "Estimate: frames per second (default 36).")
    Double fps;

    @Option(names = "--tflop-per-frame", paramLabel = "TFLOP",
            description = "Estimate: training work per frame, forward + backward over all epochs, in TFLOP "
                    + "(default 1000, as the training-backends simulator).")
    Double tflopPerFrame;

    @Option(names = "--utilization", paramLabel = "FRACTION",
            description = "Estimate: sustained fraction of peak throughput (default 0.4).")
    Double utilization;

    @Option(names = "--backend", paramLabel = "NAME=PFLOPS",
            description = "Estimate: a backend's throughput; repeatable (default dojo=1086, nvidia=253.3).")
    List<String> backends = new ArrayList<>();

    private final Map<String, String> environment;

    public ReplayCommand() {
        this(System.getenv());
    }

    /** Tests pass the environment instead of depending on the real one. */
    public ReplayCommand(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    Map<String, String> environment() {
        return environment;
    }

    @Override
    public Integer call() {
        BatchSelection selection = manifestId == null ? selection() : null;
        if (manifestId != null) {
            if (!campaigns.isEmpty() || !labels.isEmpty() || from != null || to != null || all) {
                throw new CommandLine.ParameterException(spec.commandLine(),
                        "--manifest replays a stored selection; do not combine it with --campaign, --label, --from, "
                                + "--to or --all");
            }
            try {
                DatasetIds.parseManifestId(manifestId);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
            }
        }
        ReplaySettings settings = settings();
        ReplayTopics topics = ReplayTopics.of(TopicCatalog.create(new SerdeSettings(
                        settings.platform().schemaRegistryUrl(), settings.platform().autoRegisterSchemas())),
                connection.batchesTopic, connection.datasetsTopic);
        DatasetReplay replay = new DatasetReplay(new ReplayClients(settings.platform().bootstrapServers(),
                settings.kafkaLogin(), settings.kafkaLogin()), topics,
                settings.transactionSize(), settings.stallTimeout(), Clock.systemUTC());
        PrintWriter out = spec.commandLine().getOut();
        if (manifestId != null) {
            return replayManifest(replay, settings, out);
        }
        if (dryRun) {
            ReplayOutput.dryRun(out, replay.plan(selection), settings.estimator());
            return CommandLine.ExitCode.OK;
        }
        DatasetReplay.Prepared prepared = replay.prepare(selection);
        if (prepared.decision() == DatasetReplay.Decision.NOTHING_SELECTED) {
            out.printf("Nothing matches %s in %s: no dataset created.%n", selection.describe(), topics.batches());
            out.flush();
            return CommandLine.ExitCode.OK;
        }
        DatasetManifest manifest = prepared.manifest().orElseThrow();
        describePrepared(out, prepared, manifest);
        withStopOnSignal(stop -> replay.publish(prepared, progress(), stop),
                result -> ReplayOutput.summary(out, manifest, prepared.decision(), result, topics.batches()));
        return CommandLine.ExitCode.OK;
    }

    private Integer replayManifest(DatasetReplay replay, ReplaySettings settings, PrintWriter out) {
        String id = DatasetIds.parseManifestId(manifestId).manifestId();
        DatasetManifest manifest = replay.store().find(id).orElseThrow(() -> new IllegalArgumentException(
                "No manifest '" + id + "' on topic " + replay.topics().datasets() + " (see `clipstream replay list`)"));
        if (dryRun) {
            ReplayOutput.manifestDryRun(out, manifest, replay.alreadyPublished(manifest), settings.estimator());
            return CommandLine.ExitCode.OK;
        }
        out.printf("Replaying stored manifest %s: %d batches, %d clips.%n", id,
                manifest.getTotals().getBatchCount(), manifest.getTotals().getClipCount());
        out.flush();
        withStopOnSignal(stop -> replay.publish(manifest, progress(), stop),
                result -> ReplayOutput.summary(out, manifest, DatasetReplay.Decision.RESUMING, result,
                        replay.topics().batches()));
        return CommandLine.ExitCode.OK;
    }

    private static void describePrepared(PrintWriter out, DatasetReplay.Prepared prepared, DatasetManifest manifest) {
        String what = switch (prepared.decision()) {
            case CREATED -> "Created dataset manifest " + manifest.getManifestId();
            case NEW_VERSION -> "Created manifest " + manifest.getManifestId() + " (new version of "
                    + manifest.getDatasetId() + ")";
            case RESUMING -> "Continuing the interrupted replay of " + manifest.getManifestId()
                    + " (rerun after it completes to snapshot new batches)";
            case UNCHANGED -> "Nothing new since " + manifest.getManifestId() + ": its batches are replayed again "
                    + "only if some are missing";
            default -> "";
        };
        out.println(what);
        ReplayOutput.totals(out, "Dataset:", manifest.getTotals());
        out.flush();
    }

    private ProgressBar progressBarOrNull;

    private ReplayProgressListener progress() {
        if (noProgress) {
            return ReplayProgressListener.NONE;
        }
        progressBarOrNull = new ProgressBar(spec.commandLine().getErr());
        return progressBarOrNull;
    }

    /**
     * Runs the publication with a shutdown hook that asks it to stop after the current transaction and waits until
     * the summary is printed, so Ctrl-C leaves no open transaction and the summary says how far it got.
     */
    private void withStopOnSignal(Function<BooleanSupplier, PublishResult> publication,
                                  Consumer<PublishResult> summary) {
        AtomicBoolean stop = new AtomicBoolean();
        CountDownLatch finished = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            stop.set(true);
            try {
                finished.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "clipstream-replay-stop");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            PublishResult result;
            try {
                result = publication.apply(stop::get);
            } finally {
                if (progressBarOrNull != null) {
                    progressBarOrNull.finish();
                }
            }
            summary.accept(result);
        } finally {
            finished.countDown();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // The hook is running: it returns now that the publication finished.
            }
        }
    }

    private BatchSelection selection() {
        if (campaigns.isEmpty() && labels.isEmpty() && from == null && to == null && !all) {
            throw new CommandLine.ParameterException(spec.commandLine(), "Say what to replay: --campaign, --label, "
                    + "--from/--to, or --all for every batch; or --manifest ID for a stored dataset");
        }
        if (all && (!campaigns.isEmpty() || !labels.isEmpty() || from != null || to != null)) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--all selects everything; do not combine it with --campaign, --label, --from or --to");
        }
        try {
            Instant fromTime = from == null ? null : IsoTimes.parse("--from", from);
            Instant toTime = to == null ? null : IsoTimes.parse("--to", to);
            return BatchSelection.of(campaigns, labels, fromTime, toTime);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    private ReplaySettings settings() {
        Map<String, String> overrides = new LinkedHashMap<>();
        if (transactionSize != null) {
            overrides.put(ReplaySettings.TRANSACTION_SIZE, transactionSize.toString());
        }
        if (fps != null) {
            overrides.put(ReplaySettings.FPS, fps.toString());
        }
        if (tflopPerFrame != null) {
            overrides.put(ReplaySettings.TFLOP_PER_FRAME, tflopPerFrame.toString());
        }
        if (utilization != null) {
            overrides.put(ReplaySettings.UTILIZATION, utilization.toString());
        }
        if (!backends.isEmpty()) {
            overrides.put(ReplaySettings.BACKENDS, String.join(",", backends));
        }
        try {
            return connection.load(environment, overrides);
        } catch (IllegalArgumentException | ConfigException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
    }
}
