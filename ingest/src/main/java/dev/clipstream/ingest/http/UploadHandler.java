package dev.clipstream.ingest.http;

import dev.clipstream.ingest.IngestSettings;
import dev.clipstream.ingest.auth.TokenAuthenticator;
import dev.clipstream.ingest.blob.BlobStore;
import dev.clipstream.ingest.blob.DigestMismatchException;
import dev.clipstream.ingest.blob.Sha256;
import dev.clipstream.ingest.blob.StoredBlob;
import dev.clipstream.ingest.events.AcceptedClip;
import dev.clipstream.ingest.events.AcceptedClipIndex;
import dev.clipstream.ingest.events.ClipLocks;
import dev.clipstream.ingest.events.EventPublisher;
import dev.clipstream.ingest.events.PublishFailedException;
import dev.clipstream.ingest.limit.TokenBucketRateLimiter;
import dev.clipstream.ingest.validation.CheckedClipStream;
import dev.clipstream.ingest.validation.ClipBodyException;
import dev.clipstream.ingest.validation.ClipIds;
import dev.clipstream.ingest.validation.ClipMetadata;
import dev.clipstream.ingest.validation.InvalidMetadataException;
import dev.clipstream.ingest.validation.MetadataParser;
import dev.clipstream.ingest.validation.VideoContainer;
import dev.clipstream.schemas.avro.ClipUploaded;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The upload API's decisions, in the order a request meets them: 401 (token), 400 (ids), 403 (token of another
 * vehicle), 429 (rate), 411/413 (length), 415 (declared type), 400 (digest header, metadata), then under the clip's
 * lock 200/409 (already accepted), the streamed body (413, 415 sniffed, 422), 503 (Kafka) and 201.
 */
final class UploadHandler {

    static final String SHA_HEADER = "Clip-Sha256";
    static final String METADATA_HEADER = "Clip-Metadata";

    private final IngestSettings settings;
    private final TokenAuthenticator authenticator;
    private final TokenBucketRateLimiter rateLimiter;
    private final BlobStore blobStore;
    private final EventPublisher publisher;
    private final AcceptedClipIndex index;
    private final MetadataParser metadataParser;
    private final ClipLocks locks = new ClipLocks();
    private final Clock clock;

    UploadHandler(IngestSettings settings, TokenAuthenticator authenticator, TokenBucketRateLimiter rateLimiter,
                  BlobStore blobStore, EventPublisher publisher, AcceptedClipIndex index, Clock clock) {
        this.settings = settings;
        this.authenticator = authenticator;
        this.rateLimiter = rateLimiter;
        this.blobStore = blobStore;
        this.publisher = publisher;
        this.index = index;
        this.metadataParser = new MetadataParser(settings.maxMetadataChars());
        this.clock = clock;
    }

    /** What a PUT needs from the HTTP request; lets the decisions be independent of the server library. */
    interface UploadRequest {
        String header(String name);

        /** The declared Content-Length, or -1 when absent (e.g. chunked). */
        long contentLength();

        InputStream body() throws IOException;
    }

    record Answer(int status, ClipBody body) {
    }

    Answer upload(String vehicleId, String clipIdText, UploadRequest request) {
        UUID clipId = authorize(vehicleId, clipIdText, request.header("Authorization"));
        TokenBucketRateLimiter.Decision rate = rateLimiter.tryAcquire(vehicleId);
        if (!rate.allowed()) {
            throw new ApiException(429, "rate-limited", "Vehicle '" + vehicleId + "' is uploading faster than "
                    + settings.rateLimitPerSecond() + " clips per second (burst " + settings.rateLimitBurst() + ")",
                    List.of(), rate.retryAfter(), null);
        }
        long length = request.contentLength();
        String transferEncoding = request.header("Transfer-Encoding");
        if (length < 0 || (transferEncoding != null && !transferEncoding.equalsIgnoreCase("identity"))) {
            throw new ApiException(411, "length-required",
                    "Content-Length is required: send the clip with its length, not chunked");
        }
        if (length > settings.maxClipBytes()) {
            throw new ApiException(413, "too-large", "The clip is " + length + " bytes; the maximum is "
                    + settings.maxClipBytes() + " bytes");
        }
        String contentType = request.header("Content-Type");
        VideoContainer container = VideoContainer.forContentType(contentType).orElseThrow(() -> new ApiException(415,
                "unsupported-media-type", "Content-Type must be video/mp4, video/quicktime, video/x-matroska or "
                + "video/webm, was " + (contentType == null ? "missing" : "'" + ClipIds.shown(contentType) + "'")));
        String sha256 = request.header(SHA_HEADER);
        if (!Sha256.isHexDigest(sha256)) {
            throw new ApiException(400, "invalid-digest-header", SHA_HEADER + " must be the SHA-256 of the body as 64 "
                    + "lower-case hex characters, was " + (sha256 == null ? "missing" : "'" + ClipIds.shown(sha256) + "'"));
        }
        ClipMetadata metadata;
        try {
            metadata = metadataParser.parse(request.header(METADATA_HEADER));
        } catch (InvalidMetadataException e) {
            throw new ApiException(400, "invalid-metadata", e.getMessage(), e.problems(), null, null);
        }
        try (ClipLocks.Lease lease = lockClip(clipId)) {
            Optional<AcceptedClip> earlier = acceptedBefore(clipId);
            if (earlier.isPresent()) {
                return retryOf(earlier.get(), vehicleId, sha256);
            }
            StoredBlob blob = store(request, container, sha256);
            Instant acceptedAt = clock.instant().truncatedTo(ChronoUnit.MILLIS);
            ClipUploaded event = event(clipId, vehicleId, metadata, blob, acceptedAt);
            try {
                publisher.publish(event);
            } catch (PublishFailedException e) {
                throw ApiException.unavailable("The clip is stored but its event could not be published to Kafka; "
                        + "retry the upload later (nothing was accepted)", settings.retryAfter(), e);
            }
            AcceptedClip accepted = AcceptedClip.of(event);
            index.record(accepted);
            return new Answer(201, ClipBody.of(accepted, ClipBody.ACCEPTED));
        }
    }

    Answer status(String vehicleId, String clipIdText, String authorization) {
        UUID clipId = authorize(vehicleId, clipIdText, authorization);
        AcceptedClip clip = acceptedBefore(clipId)
                .filter(found -> found.vehicleId().equals(vehicleId))
                .orElseThrow(() -> new ApiException(404, "not-found",
                        "Clip " + clipId + " of vehicle '" + vehicleId + "' has not been accepted"));
        return new Answer(200, ClipBody.of(clip, ClipBody.ACCEPTED));
    }

    private UUID authorize(String vehicleId, String clipIdText, String authorization) {
        if (authenticator.authorize(authorization, vehicleId) == TokenAuthenticator.Outcome.UNAUTHENTICATED) {
            throw ApiException.unauthorized();
        }
        if (ClipIds.looksLikeVin(vehicleId)) {
            // Not echoed: the message could end up in a client's log.
            throw ApiException.invalidId("The vehicle id looks like a raw VIN (17 characters of 0-9 and A-Z without "
                    + "I, O, Q); use the vehicle's pseudonymous id");
        }
        if (!ClipIds.isVehicleId(vehicleId)) {
            throw ApiException.invalidId("Vehicle id '" + ClipIds.shown(vehicleId) + "' is invalid: 1-64 characters "
                    + "of A-Z, a-z, 0-9, '_' and '-', starting with a letter or digit");
        }
        UUID clipId = ClipIds.clipId(clipIdText).orElseThrow(() -> ApiException.invalidId("Clip id '"
                + ClipIds.shown(clipIdText) + "' is invalid: it must be a UUID in canonical lower-case form"));
        // Checked again now that the id is known to be well-formed: a valid token of another vehicle.
        if (authenticator.authorize(authorization, vehicleId) != TokenAuthenticator.Outcome.ALLOWED) {
            throw ApiException.forbidden(vehicleId);
        }
        return clipId;
    }

    private ClipLocks.Lease lockClip(UUID clipId) {
        try {
            return locks.tryAcquire(clipId, settings.clipLockWait()).orElseThrow(() -> ApiException.unavailable(
                    "Another upload of clip " + clipId + " is still in progress; retry later",
                    settings.retryAfter(), null));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ApiException.unavailable("The service is shutting down", settings.retryAfter(), e);
        }
    }

    private Optional<AcceptedClip> acceptedBefore(UUID clipId) {
        if (!index.ready()) {
            throw ApiException.unavailable("The service is still loading the clips accepted earlier (or cannot "
                    + "reach Kafka); retry later", settings.retryAfter(), null);
        }
        return index.find(clipId);
    }

    private static Answer retryOf(AcceptedClip earlier, String vehicleId, String sha256) {
        if (!earlier.vehicleId().equals(vehicleId) || !earlier.sha256().equals(sha256)) {
            throw new ApiException(409, "clip-conflict", "Clip " + earlier.clipId() + " was already accepted with "
                    + (earlier.vehicleId().equals(vehicleId) ? "other content (SHA-256 " + earlier.sha256() + ")"
                    : "another vehicle") + "; a new clip needs a new clip id");
        }
        return new Answer(200, ClipBody.of(earlier, ClipBody.ALREADY_ACCEPTED));
    }

    private StoredBlob store(UploadRequest request, VideoContainer container, String sha256) {
        ClientStream body;
        try {
            body = new ClientStream(request.body(), settings.connection().idleTimeout(),
                    settings.connection().minUploadBytesPerSecond());
        } catch (IOException e) {
            throw incompleteBody(e);
        }
        try {
            return blobStore.put(new CheckedClipStream(body, settings.maxClipBytes(), container), sha256);
        } catch (ClipBodyException e) {
            throw e.kind() == ClipBodyException.Kind.TOO_LARGE
                    ? new ApiException(413, "too-large", e.getMessage())
                    : new ApiException(415, "unsupported-media-type", e.getMessage());
        } catch (DigestMismatchException e) {
            throw new ApiException(422, "digest-mismatch", e.getMessage());
        } catch (ClientStream.TooSlowException e) {
            throw requestTimeout(e.getMessage());
        } catch (ClientStream.ClientReadException e) {
            if (isTimeout(e.getCause())) {
                throw requestTimeout("No body byte arrived for " + settings.connection().idleTimeout().toSeconds()
                        + " s (ingest.http.idle.timeout); the upload was abandoned and nothing was stored");
            }
            throw incompleteBody(e.getCause());
        } catch (IOException e) {
            throw ApiException.unavailable("The blob store cannot take the clip now: " + e.getMessage(),
                    settings.retryAfter(), e);
        }
    }

    private static ApiException requestTimeout(String message) {
        return new ApiException(408, "request-timeout", message);
    }

    private static boolean isTimeout(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof java.util.concurrent.TimeoutException
                    || cause instanceof java.net.SocketTimeoutException) {
                return true;
            }
        }
        return false;
    }

    private static ApiException incompleteBody(Throwable cause) {
        return new ApiException(400, "incomplete-body", "The request body ended before Content-Length bytes arrived"
                + " (" + cause + ")", List.of(), null, cause);
    }

    private static ClipUploaded event(UUID clipId, String vehicleId, ClipMetadata metadata, StoredBlob blob,
                                      Instant acceptedAt) {
        return metadata.toClipUploaded(clipId, vehicleId, blob.sizeBytes(), blob.sha256(), blob.uri().toString(),
                acceptedAt);
    }

    /**
     * Marks failures to read from the client, so they are not taken for a failing blob store, and enforces the
     * minimum upload rate: after {@code grace}, the body must keep arriving at {@code minBytesPerSecond} on average
     * (elapsed <= grace + received / rate), else the read fails with {@link TooSlowException}.
     */
    static final class ClientStream extends java.io.FilterInputStream {

        static final class ClientReadException extends IOException {
            ClientReadException(IOException cause) {
                super(cause.getMessage(), cause);
            }
        }

        static final class TooSlowException extends IOException {
            TooSlowException(String message) {
                super(message);
            }
        }

        private final long startedNanos = System.nanoTime();
        private final long graceNanos;
        private final long minBytesPerSecond;
        private long received;

        ClientStream(InputStream in, Duration grace, long minBytesPerSecond) {
            super(in);
            this.graceNanos = grace.toNanos();
            this.minBytesPerSecond = minBytesPerSecond;
        }

        @Override
        public int read() throws IOException {
            int value;
            try {
                value = super.read();
            } catch (IOException e) {
                throw new ClientReadException(e);
            }
            counted(value < 0 ? 0 : 1);
            return value;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int read;
            try {
                read = super.read(buffer, offset, length);
            } catch (IOException e) {
                throw new ClientReadException(e);
            }
            counted(Math.max(read, 0));
            return read;
        }

        private void counted(int bytes) throws TooSlowException {
            received += bytes;
            if (minBytesPerSecond <= 0) {
                return;
            }
            long elapsed = System.nanoTime() - startedNanos;
            double allowed = graceNanos + received * 1e9 / minBytesPerSecond;
            if (elapsed > allowed) {
                throw new TooSlowException("The body arrives too slowly: " + received + " bytes in "
                        + elapsed / 1_000_000 + " ms, below the minimum of " + minBytesPerSecond
                        + " bytes/s (ingest.http.min.upload.bytes.per.second); nothing was stored");
            }
        }
    }

}
