package dev.clipstream.fleet.bench;

import dev.clipstream.fleet.progress.UploadStats;
import dev.clipstream.fleet.upload.ClipUpload;
import dev.clipstream.fleet.upload.IngestClient;
import dev.clipstream.fleet.upload.RetryPolicy;
import dev.clipstream.fleet.upload.Sleeper;
import dev.clipstream.fleet.upload.UploadResult;
import dev.clipstream.fleet.upload.Uploader;
import java.net.URI;
import java.time.Duration;
import java.util.List;

/** Uploads prepared clips (digests computed before the clock starts) through ingest's HTTP API and times them. */
final class UploadRate {

    private UploadRate() {
    }

    static RateResult measure(List<ClipUpload> uploads, int concurrency, URI ingestUrl) throws Exception {
        UploadStats stats = new UploadStats();
        Uploader uploader = new Uploader(new IngestClient(ingestUrl, Duration.ofSeconds(10), Duration.ofMinutes(5)),
                new RetryPolicy(5, Duration.ofMillis(100), Duration.ofSeconds(2), Duration.ofSeconds(10)),
                Sleeper.REAL, stats);
        ConcurrentRun.Timing timing = ConcurrentRun.run(uploads.size(), concurrency,
                index -> uploader.upload(uploads.get(index)).outcome() == UploadResult.Outcome.CREATED);
        return new RateResult(uploads.size(), uploads.get(0).size(), timing.elapsed(),
                ConcurrentRun.millis(timing.latencyMicros(), 50), ConcurrentRun.millis(timing.latencyMicros(), 99),
                timing.failed(), stats.snapshot().retries());
    }
}
