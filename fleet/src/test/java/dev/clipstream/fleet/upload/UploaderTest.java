package dev.clipstream.fleet.upload;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clipstream.fleet.clip.ClipSpec;
import dev.clipstream.fleet.clip.Mp4Clip;
import dev.clipstream.fleet.progress.UploadStats;
import dev.clipstream.fleet.testing.FakeIngest;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class UploaderTest {

    private static final RetryPolicy FAST = new RetryPolicy(4, Duration.ofMillis(10), Duration.ofMillis(40),
            Duration.ofSeconds(30));

    private FakeIngest ingest;
    private final List<Duration> waits = new CopyOnWriteArrayList<>();
    private final UploadStats stats = new UploadStats();

    @BeforeEach
    void start() throws IOException {
        ingest = new FakeIngest();
    }

    @AfterEach
    void stop() {
        ingest.close();
    }

    private Uploader uploader(URI uri, RetryPolicy policy, Sleeper sleeper) {
        return new Uploader(new IngestClient(uri, Duration.ofSeconds(2), Duration.ofSeconds(10)), policy, sleeper,
                stats);
    }

    private Uploader recordingUploader(RetryPolicy policy) {
        return uploader(ingest.baseUri(), policy, waits::add);
    }

    private static ClipUpload clip(long seed) {
        Mp4Clip clip = new Mp4Clip(new ClipSpec(150_000, 10_000, 1280, 960, 36, true,
                Instant.parse("2026-11-28T10:00:00Z"), seed));
        return new ClipUpload("veh-00001", new UUID(seed, seed), "tok", "video/mp4", clip.sha256(), "e30",
                ClipBody.of(clip));
    }

    @Test
    void sendsTheApiHeadersAndStreamsTheWholeBody() throws Exception {
        ClipUpload upload = clip(1);

        UploadResult result = recordingUploader(FAST).upload(upload);

        assertThat(result.outcome()).isEqualTo(UploadResult.Outcome.CREATED);
        assertThat(result.attempts()).isEqualTo(1);
        assertThat(result.blobUri()).isEqualTo("blob://clips/sha256/" + upload.sha256());
        FakeIngest.Received put = ingest.puts().get(0);
        assertThat(put.path()).isEqualTo("/v1/vehicles/veh-00001/clips/" + upload.clipId());
        assertThat(put.header("Content-Length")).isEqualTo("150000");
        assertThat(put.header("Transfer-Encoding")).isNull();
        assertThat(put.header("Authorization")).isEqualTo("Bearer tok");
        assertThat(put.header("Content-Type")).isEqualTo("video/mp4");
        assertThat(put.header("Clip-Sha256")).isEqualTo(upload.sha256());
        assertThat(put.header("Clip-Metadata")).isEqualTo("e30");
        assertThat(put.bodyBytes()).isEqualTo(150_000);
        assertThat(put.bodySha256()).isEqualTo(upload.sha256());
    }

    @Test
    void retries503And429HonouringRetryAfter() throws Exception {
        ingest.thenAnswer(503, "unavailable", 3).thenAnswer(429, "rate-limited", 2);

        UploadResult result = recordingUploader(FAST).upload(clip(2));

        assertThat(result.outcome()).isEqualTo(UploadResult.Outcome.CREATED);
        assertThat(result.attempts()).isEqualTo(3);
        // Retry-After is a floor; the jitter on top stays below the base delay (10 ms).
        assertThat(waits).hasSize(2);
        assertThat(waits.get(0)).isBetween(Duration.ofSeconds(3), Duration.ofMillis(3010));
        assertThat(waits.get(1)).isBetween(Duration.ofSeconds(2), Duration.ofMillis(2010));
        UploadStats.Snapshot snapshot = stats.snapshot();
        assertThat(snapshot.retries()).isEqualTo(2);
        assertThat(snapshot.errorsByKind()).containsEntry("503 unavailable", 1L).containsEntry("429 rate-limited", 1L);
        assertThat(snapshot.created()).isEqualTo(1);
    }

    @Test
    void reallyWaitsTheRetryAfterSecondsBeforeTheNextAttempt() throws Exception {
        ingest.thenAnswer(503, "unavailable", 1);

        UploadResult result = uploader(ingest.baseUri(), FAST, Sleeper.REAL).upload(clip(3));

        assertThat(result.outcome()).isEqualTo(UploadResult.Outcome.CREATED);
        List<FakeIngest.Received> puts = ingest.puts();
        assertThat(puts).hasSize(2);
        assertThat(Duration.ofNanos(puts.get(1).atNanos() - puts.get(0).atNanos()))
                .isGreaterThanOrEqualTo(Duration.ofMillis(1000));
    }

    @Test
    void serverErrorsWithoutRetryAfterBackOffExponentiallyWithJitterThenGiveUp() throws Exception {
        for (int i = 0; i < 4; i++) {
            ingest.thenAnswer(500, "internal", null);
        }

        UploadResult result = recordingUploader(FAST).upload(clip(4));

        assertThat(result.outcome()).isEqualTo(UploadResult.Outcome.FAILED);
        assertThat(result.attempts()).isEqualTo(4);
        assertThat(result.errorKind()).isEqualTo("500 internal");
        assertThat(result.message()).contains("gave up after 4 attempts");
        // Full jitter: waits in [0, min(max, base * 2^(retry-1))] = [0,10], [0,20], [0,40] ms.
        assertThat(waits).hasSize(3);
        assertThat(waits.get(0)).isLessThanOrEqualTo(Duration.ofMillis(10));
        assertThat(waits.get(1)).isLessThanOrEqualTo(Duration.ofMillis(20));
        assertThat(waits.get(2)).isLessThanOrEqualTo(Duration.ofMillis(40));
        assertThat(stats.snapshot().failed()).isEqualTo(1);
    }

    @Test
    void otherClientErrorsAreFinalAtOnce() throws Exception {
        ingest.thenAnswer(400, "invalid-metadata", null);

        UploadResult result = recordingUploader(FAST).upload(clip(5));

        assertThat(result.outcome()).isEqualTo(UploadResult.Outcome.FAILED);
        assertThat(result.attempts()).isEqualTo(1);
        assertThat(result.errorKind()).isEqualTo("400 invalid-metadata");
        assertThat(waits).isEmpty();
        assertThat(stats.snapshot().errorsByKind()).containsEntry("400 invalid-metadata", 1L);
        assertThat(stats.snapshot().retries()).isZero();
    }

    @Test
    void requestTimeoutIsRetried() throws Exception {
        ingest.thenAnswer(408, "request-timeout", null);

        assertThat(recordingUploader(FAST).upload(clip(6)).outcome()).isEqualTo(UploadResult.Outcome.CREATED);
        assertThat(waits).hasSize(1);
    }

    @Test
    void sameClipAgainIsAlreadyAcceptedAndAConflictIsFinal() throws Exception {
        Uploader uploader = recordingUploader(FAST);
        ClipUpload upload = clip(7);
        uploader.upload(upload);

        assertThat(uploader.upload(upload).outcome()).isEqualTo(UploadResult.Outcome.ALREADY_ACCEPTED);
        ClipUpload otherContent = new ClipUpload(upload.vehicleId(), upload.clipId(), "tok", "video/mp4",
                clip(8).sha256(), "e30", clip(8).body());
        UploadResult conflict = uploader.upload(otherContent);
        assertThat(conflict.outcome()).isEqualTo(UploadResult.Outcome.FAILED);
        assertThat(conflict.errorKind()).isEqualTo("409 clip-conflict");
        assertThat(ingest.createdCounts()).containsValue(1).hasSize(1);
    }

    @Test
    void connectionRefusedIsRetriedThenCountedByKind() throws Exception {
        URI nobody;
        try (ServerSocket socket = new ServerSocket(0)) {
            nobody = URI.create("http://127.0.0.1:" + socket.getLocalPort());
        }

        UploadResult result = uploader(nobody, FAST, waits::add).upload(clip(9));

        assertThat(result.outcome()).isEqualTo(UploadResult.Outcome.FAILED);
        assertThat(result.attempts()).isEqualTo(4);
        assertThat(result.errorKind()).isEqualTo("connect-refused");
        assertThat(stats.snapshot().errorsByKind()).containsEntry("connect-refused", 4L);
    }

    @Test
    void alreadyAcceptedAsksWithGetAndComparesTheDigest() throws Exception {
        Uploader uploader = recordingUploader(FAST);
        ClipUpload upload = clip(10);

        assertThat(uploader.alreadyAccepted("veh-00001", upload.clipId(), "tok", upload.sha256())).contains(false);
        uploader.upload(upload);
        assertThat(uploader.alreadyAccepted("veh-00001", upload.clipId(), "tok", upload.sha256())).contains(true);
        assertThat(uploader.alreadyAccepted("veh-00001", upload.clipId(), "tok", "0".repeat(64))).contains(false);
    }
}
