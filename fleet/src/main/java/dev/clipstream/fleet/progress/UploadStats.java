package dev.clipstream.fleet.progress;

import dev.clipstream.fleet.upload.UploadEvents;
import dev.clipstream.fleet.upload.UploadResult;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Running totals of an upload run, updated from every worker thread, read by the progress line and summary. */
public final class UploadStats implements UploadEvents {

    private final long startedNanos = System.nanoTime();
    private final LongAdder created = new LongAdder();
    private final LongAdder alreadyAccepted = new LongAdder();
    private final LongAdder skipped = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final LongAdder acceptedBytes = new LongAdder();
    private final LongAdder retries = new LongAdder();
    private final Map<String, LongAdder> errorsByKind = new ConcurrentHashMap<>();

    @Override
    public void attemptFailed(String kind, boolean retrying, Duration wait) {
        errorsByKind.computeIfAbsent(kind, k -> new LongAdder()).increment();
        if (retrying) {
            retries.increment();
        }
    }

    @Override
    public void finished(UploadResult result) {
        switch (result.outcome()) {
            case CREATED -> created.increment();
            case ALREADY_ACCEPTED -> alreadyAccepted.increment();
            case FAILED -> failed.increment();
        }
        if (result.accepted()) {
            acceptedBytes.add(result.bytes());
        }
    }

    /** A clip the journal says was accepted by an earlier run: not sent again. */
    public void skippedFromJournal() {
        skipped.increment();
    }

    public Snapshot snapshot() {
        Map<String, Long> errors = new TreeMap<>();
        errorsByKind.forEach((kind, count) -> errors.put(kind, count.sum()));
        return new Snapshot(Duration.ofNanos(System.nanoTime() - startedNanos), created.sum(), alreadyAccepted.sum(),
                skipped.sum(), failed.sum(), acceptedBytes.sum(), retries.sum(), errors);
    }

    /**
     * Totals at one moment.
     *
     * @param acceptedBytes bytes of the clips ingest accepted in this run (201 or 200)
     * @param errorsByKind  failed attempts by kind, retried or final
     */
    public record Snapshot(Duration elapsed, long created, long alreadyAccepted, long skippedFromJournal, long failed,
                           long acceptedBytes, long retries, Map<String, Long> errorsByKind) {

        public Snapshot {
            errorsByKind = Map.copyOf(errorsByKind);
        }

        public long accepted() {
            return created + alreadyAccepted;
        }

        public double megabytesPerSecond() {
            double seconds = elapsed.toNanos() / 1e9;
            return seconds <= 0 ? 0 : acceptedBytes / 1e6 / seconds;
        }

        public double clipsPerSecond() {
            double seconds = elapsed.toNanos() / 1e9;
            return seconds <= 0 ? 0 : accepted() / seconds;
        }
    }
}
