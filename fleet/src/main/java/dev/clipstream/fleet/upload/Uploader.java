package dev.clipstream.fleet.upload;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Uploads one clip to ingest, as a well-behaved vehicle does: retries connect errors, timeouts, 408, 429 and 5xx with
 * exponential backoff and full jitter, honours Retry-After, and stops after the policy's attempts. Any other 4xx is
 * final: sending the same request again would get the same answer.
 */
public final class Uploader {

    private final IngestClient client;
    private final RetryPolicy policy;
    private final Sleeper sleeper;
    private final UploadEvents events;

    public Uploader(IngestClient client, RetryPolicy policy, Sleeper sleeper, UploadEvents events) {
        this.client = client;
        this.policy = policy;
        this.sleeper = sleeper;
        this.events = events;
    }

    public UploadResult upload(ClipUpload upload) throws InterruptedException {
        long started = System.nanoTime();
        String lastKind = null;
        String lastMessage = null;
        int attempt = 0;
        while (attempt < policy.maxAttempts()) {
            attempt++;
            Optional<Duration> retryAfter = Optional.empty();
            try {
                IngestResponse response = client.put(upload);
                if (response.success()) {
                    return finish(upload, response.status() == 201
                            ? UploadResult.Outcome.CREATED : UploadResult.Outcome.ALREADY_ACCEPTED,
                            attempt, started, response.blobUri(), null, null);
                }
                lastKind = response.kind();
                lastMessage = response.message();
                if (!RetryPolicy.retryable(response.status())) {
                    events.attemptFailed(lastKind, false, Duration.ZERO);
                    return finish(upload, UploadResult.Outcome.FAILED, attempt, started, null, lastKind, lastMessage);
                }
                retryAfter = response.retryAfter();
            } catch (IOException | UncheckedIOException e) {
                lastKind = kindOf(e);
                lastMessage = String.valueOf(e.getMessage());
            }
            boolean retrying = attempt < policy.maxAttempts();
            Duration wait = retrying
                    ? policy.delay(attempt, retryAfter, () -> ThreadLocalRandom.current().nextDouble())
                    : Duration.ZERO;
            events.attemptFailed(lastKind, retrying, wait);
            if (retrying) {
                sleeper.sleep(wait);
            }
        }
        return finish(upload, UploadResult.Outcome.FAILED, attempt, started, null, lastKind,
                "gave up after " + attempt + " attempts; last error: " + lastMessage);
    }

    /**
     * Whether ingest already accepted this clip with this digest (GET, no bytes sent): a resumed run asks this for
     * the clips it had in flight when it stopped. Empty when the answer is unclear (not 200/404, or no connection):
     * the caller then simply uploads, which is safe because a repeated PUT is idempotent.
     */
    public Optional<Boolean> alreadyAccepted(String vehicleId, UUID clipId, String token, String sha256)
            throws InterruptedException {
        try {
            IngestResponse response = client.get(vehicleId, clipId, token);
            if (response.status() == 200) {
                return Optional.of(sha256.equals(response.sha256()));
            }
            return response.status() == 404 ? Optional.of(false) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private UploadResult finish(ClipUpload upload, UploadResult.Outcome outcome, int attempts, long startedNanos,
                                String blobUri, String kind, String message) {
        UploadResult result = new UploadResult(upload.clipId(), upload.vehicleId(), outcome, attempts, upload.size(),
                Duration.ofNanos(System.nanoTime() - startedNanos), blobUri, kind, message);
        events.finished(result);
        return result;
    }

    static String kindOf(Exception e) {
        Throwable cause = e instanceof UncheckedIOException unchecked ? unchecked.getCause() : e;
        if (cause instanceof HttpConnectTimeoutException) {
            return "connect-timeout";
        }
        if (cause instanceof HttpTimeoutException) {
            return "timeout";
        }
        if (cause instanceof ConnectException) {
            return "connect-refused";
        }
        return "io-error";
    }
}
