package dev.clipstream.fleet.sim;

import dev.clipstream.fleet.upload.RetryPolicy;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;
import javax.net.ssl.SSLContext;

/**
 * How an upload session talks to ingest; shared by the simulated fleet and the push of real files.
 * {@code sslContext}: for https ingest URLs signed by a CA outside the JVM's trust store; null = the JVM default.
 */
public record RunSettings(URI ingestUrl, int concurrency, Path journal, RetryPolicy retry, Duration connectTimeout,
                          Duration requestTimeout, Duration progressInterval, SSLContext sslContext) {

    public RunSettings(URI ingestUrl, int concurrency, Path journal, RetryPolicy retry, Duration connectTimeout,
                       Duration requestTimeout, Duration progressInterval) {
        this(ingestUrl, concurrency, journal, retry, connectTimeout, requestTimeout, progressInterval, null);
    }

    public RunSettings withSslContext(SSLContext context) {
        return new RunSettings(ingestUrl, concurrency, journal, retry, connectTimeout, requestTimeout,
                progressInterval, context);
    }

    public RunSettings {
        Objects.requireNonNull(ingestUrl, "ingestUrl");
        Objects.requireNonNull(retry, "retry");
        Objects.requireNonNull(connectTimeout, "connectTimeout");
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        Objects.requireNonNull(progressInterval, "progressInterval");
        if (concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be >= 1, was " + concurrency);
        }
    }
}
