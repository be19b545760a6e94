package dev.clipstream.ingest;

import dev.clipstream.ingest.auth.VehicleTokens;
import dev.clipstream.runtime.management.ManagementSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Everything the ingest service needs, already parsed and validated. Build it from configuration with
 * {@link IngestConfig#settings} or in code with {@link #defaults} and the withers.
 *
 * @param httpHost           bind address of the upload API
 * @param httpPort           port of the upload API; 0 = any free port
 * @param httpMaxThreads     most uploads served at once (each upload holds one thread while it streams)
 * @param blobDir            root of the local blob store
 * @param maxClipBytes       largest clip accepted (413 above)
 * @param maxMetadataChars   longest Clip-Metadata header accepted
 * @param tokens             token hashes of the vehicles allowed to upload
 * @param rateLimitPerSecond uploads per second per vehicle; 0 = no limit
 * @param rateLimitBurst     uploads a vehicle may make at once
 * @param publishTimeout     longest wait for the broker's acknowledgement of an event (then 503)
 * @param clipLockWait       longest wait behind a concurrent upload of the same clip id (then 503)
 * @param retryAfter         Retry-After sent with 503
 * @param shutdownTimeout    how long a shutdown waits for uploads in flight
 * @param bootstrapServers   Kafka bootstrap servers
 * @param clipsTopic         topic for ClipUploaded; null = the catalog's clips.uploaded
 * @param producerOverrides  extra producer settings (kafka.producer.*)
 * @param consumerOverrides  extra settings of the index consumer (kafka.consumer.*)
 * @param management         the management endpoint
 * @param connection         idle, request-head and upload-rate limits of the upload API's connections
 * @param tls                the upload API's TLS key store; null = plain HTTP
 */
public record IngestSettings(String httpHost, int httpPort, int httpMaxThreads, Path blobDir, long maxClipBytes,
                             int maxMetadataChars, VehicleTokens tokens, double rateLimitPerSecond,
                             int rateLimitBurst, Duration publishTimeout, Duration clipLockWait, Duration retryAfter,
                             Duration shutdownTimeout, String bootstrapServers, String clipsTopic,
                             Map<String, String> producerOverrides, Map<String, String> consumerOverrides,
                             ManagementSettings management, ConnectionLimits connection, TlsSettings tls) {

    public static final long DEFAULT_MAX_CLIP_BYTES = 1L << 30;

    public IngestSettings {
        Objects.requireNonNull(httpHost, "httpHost");
        Objects.requireNonNull(blobDir, "blobDir");
        Objects.requireNonNull(tokens, "tokens");
        Objects.requireNonNull(publishTimeout, "publishTimeout");
        Objects.requireNonNull(clipLockWait, "clipLockWait");
        Objects.requireNonNull(retryAfter, "retryAfter");
        Objects.requireNonNull(shutdownTimeout, "shutdownTimeout");
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(management, "management");
        Objects.requireNonNull(connection, "connection");
        producerOverrides = Map.copyOf(producerOverrides);
        consumerOverrides = Map.copyOf(consumerOverrides);
        if (httpPort < 0 || httpPort > 65535) {
            throw new IllegalArgumentException("HTTP port must be between 0 and 65535, was " + httpPort);
        }
        if (maxClipBytes < 1) {
            throw new IllegalArgumentException("Maximum clip size must be positive, was " + maxClipBytes);
        }
    }

    /**
     * The configuration defaults, on free ports (HTTP and management), for tests and the in-process demo.
     * Vehicles: {@code tokens}; Kafka: {@code bootstrapServers}.
     */
    public static IngestSettings defaults(String bootstrapServers, Path blobDir, VehicleTokens tokens) {
        return new IngestSettings("127.0.0.1", 0, 200, blobDir, DEFAULT_MAX_CLIP_BYTES, 16 * 1024, tokens, 10.0, 50,
                Duration.ofSeconds(10), Duration.ofSeconds(30), Duration.ofSeconds(5), Duration.ofSeconds(30),
                bootstrapServers, null, Map.of(), Map.of(),
                new ManagementSettings("ingest", "127.0.0.1", 0, Duration.ofSeconds(5)), ConnectionLimits.DEFAULTS,
                null);
    }

    public IngestSettings withMaxClipBytes(long bytes) {
        return new IngestSettings(httpHost, httpPort, httpMaxThreads, blobDir, bytes, maxMetadataChars, tokens,
                rateLimitPerSecond, rateLimitBurst, publishTimeout, clipLockWait, retryAfter, shutdownTimeout,
                bootstrapServers, clipsTopic, producerOverrides, consumerOverrides, management, connection, tls);
    }

    public IngestSettings withRateLimit(double perSecond, int burst) {
        return new IngestSettings(httpHost, httpPort, httpMaxThreads, blobDir, maxClipBytes, maxMetadataChars, tokens,
                perSecond, burst, publishTimeout, clipLockWait, retryAfter, shutdownTimeout,
                bootstrapServers, clipsTopic, producerOverrides, consumerOverrides, management, connection, tls);
    }

    public IngestSettings withPublishTimeout(Duration timeout) {
        return new IngestSettings(httpHost, httpPort, httpMaxThreads, blobDir, maxClipBytes, maxMetadataChars, tokens,
                rateLimitPerSecond, rateLimitBurst, timeout, clipLockWait, retryAfter, shutdownTimeout,
                bootstrapServers, clipsTopic, producerOverrides, consumerOverrides, management, connection, tls);
    }

    public IngestSettings withClipsTopic(String topic) {
        return new IngestSettings(httpHost, httpPort, httpMaxThreads, blobDir, maxClipBytes, maxMetadataChars, tokens,
                rateLimitPerSecond, rateLimitBurst, publishTimeout, clipLockWait, retryAfter, shutdownTimeout,
                bootstrapServers, topic, producerOverrides, consumerOverrides, management, connection, tls);
    }

    public IngestSettings withHttpPort(int port) {
        return new IngestSettings(httpHost, port, httpMaxThreads, blobDir, maxClipBytes, maxMetadataChars, tokens,
                rateLimitPerSecond, rateLimitBurst, publishTimeout, clipLockWait, retryAfter, shutdownTimeout,
                bootstrapServers, clipsTopic, producerOverrides, consumerOverrides, management, connection, tls);
    }

    public IngestSettings withShutdownTimeout(Duration timeout) {
        return new IngestSettings(httpHost, httpPort, httpMaxThreads, blobDir, maxClipBytes, maxMetadataChars, tokens,
                rateLimitPerSecond, rateLimitBurst, publishTimeout, clipLockWait, retryAfter, timeout,
                bootstrapServers, clipsTopic, producerOverrides, consumerOverrides, management, connection, tls);
    }

    public IngestSettings withBlobDir(Path dir) {
        return new IngestSettings(httpHost, httpPort, httpMaxThreads, dir, maxClipBytes, maxMetadataChars, tokens,
                rateLimitPerSecond, rateLimitBurst, publishTimeout, clipLockWait, retryAfter, shutdownTimeout,
                bootstrapServers, clipsTopic, producerOverrides, consumerOverrides, management, connection, tls);
    }

    public IngestSettings withBootstrapServers(String servers) {
        return new IngestSettings(httpHost, httpPort, httpMaxThreads, blobDir, maxClipBytes, maxMetadataChars, tokens,
                rateLimitPerSecond, rateLimitBurst, publishTimeout, clipLockWait, retryAfter, shutdownTimeout,
                servers, clipsTopic, producerOverrides, consumerOverrides, management, connection, tls);
    }

    public IngestSettings withConnectionLimits(ConnectionLimits limits) {
        return new IngestSettings(httpHost, httpPort, httpMaxThreads, blobDir, maxClipBytes, maxMetadataChars, tokens,
                rateLimitPerSecond, rateLimitBurst, publishTimeout, clipLockWait, retryAfter, shutdownTimeout,
                bootstrapServers, clipsTopic, producerOverrides, consumerOverrides, management, limits, tls);
    }

    /** Serves the upload API over HTTPS with this key store; null = plain HTTP. */
    public IngestSettings withTls(TlsSettings tlsSettings) {
        return new IngestSettings(httpHost, httpPort, httpMaxThreads, blobDir, maxClipBytes, maxMetadataChars, tokens,
                rateLimitPerSecond, rateLimitBurst, publishTimeout, clipLockWait, retryAfter, shutdownTimeout,
                bootstrapServers, clipsTopic, producerOverrides, consumerOverrides, management, connection,
                tlsSettings);
    }

    /**
     * Slow-client limits of the upload API (slow-loris defence).
     *
     * @param idleTimeout             a connection on which no byte moves for this long is closed
     * @param requestHeadTimeout      the request line and headers must arrive within this, from their first byte
     * @param minUploadBytesPerSecond a body must arrive at least this fast on average, after a grace of
     *                                {@code idleTimeout} (the check is: elapsed <= idleTimeout + received / rate);
     *                                0 = no rate check
     */
    public record ConnectionLimits(Duration idleTimeout, Duration requestHeadTimeout, long minUploadBytesPerSecond) {

        public static final ConnectionLimits DEFAULTS = new ConnectionLimits(Duration.ofSeconds(30),
                Duration.ofSeconds(20), 1024);

        public ConnectionLimits {
            Objects.requireNonNull(idleTimeout, "idleTimeout");
            Objects.requireNonNull(requestHeadTimeout, "requestHeadTimeout");
            if (idleTimeout.isNegative() || idleTimeout.isZero() || requestHeadTimeout.isNegative()
                    || requestHeadTimeout.isZero()) {
                throw new IllegalArgumentException("Idle and request-head timeouts must be positive, were "
                        + idleTimeout + " and " + requestHeadTimeout);
            }
            if (minUploadBytesPerSecond < 0) {
                throw new IllegalArgumentException("Minimum upload rate must be >= 0, was " + minUploadBytesPerSecond);
            }
        }
    }

    /**
     * The key store of the upload API's TLS certificate and private key.
     *
     * @param keyStore         a PKCS12 (or JKS) file with one private key entry and its certificate chain
     * @param keyStorePassword its password (a secret: never printed)
     * @param keyStoreType     PKCS12 or JKS
     * @param keyPassword      the key entry's password; null = the key store's
     */
    public record TlsSettings(Path keyStore, String keyStorePassword, String keyStoreType, String keyPassword) {

        public TlsSettings {
            Objects.requireNonNull(keyStore, "keyStore");
            Objects.requireNonNull(keyStorePassword, "keyStorePassword");
            Objects.requireNonNull(keyStoreType, "keyStoreType");
        }

        public static TlsSettings pkcs12(Path keyStore, String password) {
            return new TlsSettings(keyStore, password, "PKCS12", null);
        }

        @Override
        public String toString() {
            return "TlsSettings[keyStore=" + keyStore + ", type=" + keyStoreType + ", passwords=****]";
        }
    }
}
