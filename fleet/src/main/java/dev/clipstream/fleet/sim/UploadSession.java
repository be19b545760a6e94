package dev.clipstream.fleet.sim;

import dev.clipstream.fleet.progress.UploadStats;
import dev.clipstream.fleet.upload.ClipOutcome;
import dev.clipstream.fleet.upload.ClipSource;
import dev.clipstream.fleet.upload.IngestClient;
import dev.clipstream.fleet.upload.Sleeper;
import dev.clipstream.fleet.upload.UploadJournal;
import dev.clipstream.fleet.upload.UploadRunner;
import dev.clipstream.fleet.upload.Uploader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One upload run: wires client, uploader, journal and runner, reports progress, and collects every outcome. */
public final class UploadSession {

    private static final Logger LOG = LoggerFactory.getLogger(UploadSession.class);

    private final RunSettings settings;
    private final FleetListener listener;
    private final Sleeper sleeper;
    private volatile UploadRunner runner;
    private volatile boolean stopRequested;

    public UploadSession(RunSettings settings, FleetListener listener) {
        this(settings, listener, Sleeper.REAL);
    }

    UploadSession(RunSettings settings, FleetListener listener, Sleeper sleeper) {
        this.settings = settings;
        this.listener = listener;
        this.sleeper = sleeper;
    }

    /** Takes no new clips; started uploads finish and {@link #run} returns their outcomes. Safe from any thread. */
    public void stop() {
        stopRequested = true;
        UploadRunner current = runner;
        if (current != null) {
            current.stop();
        }
    }

    public FleetSummary run(ClipSource source) throws InterruptedException {
        UploadStats stats = new UploadStats();
        IngestClient client = new IngestClient(settings.ingestUrl(), settings.connectTimeout(),
                settings.requestTimeout(), settings.sslContext());
        Uploader uploader = new Uploader(client, settings.retry(), sleeper, stats);
        ConcurrentLinkedQueue<ClipOutcome> outcomes = new ConcurrentLinkedQueue<>();
        ScheduledExecutorService progress = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "clipstream-upload-progress");
            thread.setDaemon(true);
            return thread;
        });
        UploadJournal journal = openJournal();
        try {
            long interval = settings.progressInterval().toMillis();
            progress.scheduleAtFixedRate(() -> listener.progress(stats.snapshot()), interval, interval,
                    TimeUnit.MILLISECONDS);
            runner = new UploadRunner(uploader, journal, stats, outcome -> {
                outcomes.add(outcome);
                listener.clipFinished(outcome);
            });
            if (stopRequested) {
                runner.stop();
            }
            runner.run(source, settings.concurrency());
        } finally {
            progress.shutdownNow();
            closeJournal(journal);
        }
        UploadStats.Snapshot totals = stats.snapshot();
        LOG.info("Upload run ended: {} accepted ({} new), {} skipped as accepted earlier, {} failed, {} retries",
                totals.accepted(), totals.created(), totals.skippedFromJournal(), totals.failed(), totals.retries());
        return new FleetSummary(totals, List.copyOf(outcomes));
    }

    private UploadJournal openJournal() {
        if (settings.journal() == null) {
            return null;
        }
        try {
            UploadJournal journal = UploadJournal.open(settings.journal());
            LOG.info("Journal {}: {}", journal.file(), journal.counts());
            return journal;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot open the upload journal " + settings.journal() + ": "
                    + e.getMessage(), e);
        }
    }

    private static void closeJournal(UploadJournal journal) {
        if (journal == null) {
            return;
        }
        try {
            journal.close();
        } catch (IOException e) {
            LOG.warn("Closing the journal {} failed: {}", journal.file(), e.getMessage());
        }
    }
}
