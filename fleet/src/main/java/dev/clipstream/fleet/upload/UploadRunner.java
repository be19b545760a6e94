package dev.clipstream.fleet.upload;

import dev.clipstream.fleet.progress.UploadStats;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Uploads the clips of a source with bounded concurrency: a fixed number of worker threads, each taking the next clip
 * when its previous one is done, so at most {@code concurrency} uploads are in flight. Consults the journal so a
 * restarted run does not send accepted clips again, and records every outcome in it.
 */
public final class UploadRunner {

    private static final Logger LOG = LoggerFactory.getLogger(UploadRunner.class);

    private final Uploader uploader;
    private final UploadJournal journal;
    private final UploadStats stats;
    private final Consumer<ClipOutcome> onOutcome;
    private volatile boolean stopping;

    /**
     * @param journal   null: no resume support (nothing is recorded)
     * @param onOutcome called from worker threads once per clip
     */
    public UploadRunner(Uploader uploader, UploadJournal journal, UploadStats stats, Consumer<ClipOutcome> onOutcome) {
        this.uploader = uploader;
        this.journal = journal;
        this.stats = stats;
        this.onOutcome = onOutcome;
    }

    /** Blocks until the source is exhausted (or {@link #stop()} was called) and every started upload ended. */
    public void run(ClipSource source, int concurrency) throws InterruptedException {
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be >= 1, was " + concurrency);
        }
        List<Thread> workers = new ArrayList<>();
        for (int i = 0; i < concurrency; i++) {
            Thread worker = new Thread(() -> work(source), "clipstream-upload-" + (i + 1));
            worker.setDaemon(true);
            workers.add(worker);
            worker.start();
        }
        try {
            for (Thread worker : workers) {
                worker.join();
            }
        } catch (InterruptedException e) {
            stopping = true;
            workers.forEach(Thread::interrupt);
            throw e;
        }
    }

    /** Takes no new clips; uploads already started run to their end. */
    public void stop() {
        stopping = true;
    }

    private void work(ClipSource source) {
        try {
            Optional<ClipTask> next;
            while (!stopping && (next = source.next()).isPresent()) {
                process(next.get());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void process(ClipTask task) throws InterruptedException {
        if (task.clipId() != null && acceptedEarlier(task.clipId())) {
            skip(task.clipId(), task);
            return;
        }
        ClipUpload upload;
        try {
            upload = task.prepare().call();
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            LOG.warn("Could not prepare a clip of vehicle {}: {}", task.vehicleId(), e.getMessage());
            UploadResult result = new UploadResult(task.clipId() == null ? new UUID(0, 0) : task.clipId(),
                    task.vehicleId(), UploadResult.Outcome.FAILED, 0, 0, Duration.ZERO, null, "prepare-error",
                    String.valueOf(e.getMessage()));
            stats.attemptFailed("prepare-error", false, Duration.ZERO);
            stats.finished(result);
            onOutcome.accept(new ClipOutcome(result.clipId(), task.vehicleId(), ClipOutcome.Status.FAILED,
                    task.anomaly(), result));
            return;
        }
        if (acceptedEarlier(upload.clipId())) {
            skip(upload.clipId(), task);
            return;
        }
        if (journal != null && journal.state(upload.clipId()).orElse(null) == UploadJournal.State.IN_FLIGHT) {
            // Sent when the last run stopped: ask before sending the bytes again.
            Optional<Boolean> accepted = uploader.alreadyAccepted(upload.vehicleId(), upload.clipId(), upload.token(),
                    upload.sha256());
            if (accepted.orElse(false)) {
                UploadResult result = new UploadResult(upload.clipId(), upload.vehicleId(),
                        UploadResult.Outcome.ALREADY_ACCEPTED, 0, upload.size(), Duration.ZERO, null, null, null);
                stats.finished(result);
                record(task, result);
                return;
            }
        }
        if (journal != null) {
            journal.inFlight(upload.clipId(), upload.vehicleId());
        }
        record(task, uploader.upload(upload));
    }

    private boolean acceptedEarlier(UUID clipId) {
        return journal != null && journal.state(clipId).orElse(null) == UploadJournal.State.ACCEPTED;
    }

    private void skip(UUID clipId, ClipTask task) {
        stats.skippedFromJournal();
        onOutcome.accept(new ClipOutcome(clipId, task.vehicleId(), ClipOutcome.Status.ACCEPTED_EARLIER,
                task.anomaly(), null));
    }

    private void record(ClipTask task, UploadResult result) {
        if (journal != null) {
            if (result.accepted()) {
                journal.accepted(result.clipId(), result.vehicleId());
            } else {
                journal.failed(result.clipId(), result.vehicleId());
            }
        }
        ClipOutcome.Status status = switch (result.outcome()) {
            case CREATED -> ClipOutcome.Status.CREATED;
            case ALREADY_ACCEPTED -> ClipOutcome.Status.ALREADY_ACCEPTED;
            case FAILED -> ClipOutcome.Status.FAILED;
        };
        onOutcome.accept(new ClipOutcome(result.clipId(), result.vehicleId(), status, task.anomaly(), result));
    }
}
