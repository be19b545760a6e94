package dev.clipstream.ingest.http;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLEngineResult;
import org.eclipse.jetty.http.HttpParser;
import org.eclipse.jetty.io.Connection;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.ssl.SslConnection;
import org.eclipse.jetty.server.AbstractConnector;
import org.eclipse.jetty.server.internal.HttpConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes connections whose request line and headers take longer than a bound to arrive (slow-loris). Jetty's idle
 * timeout only catches a client that pauses; one that sends a header byte every second never idles. A sweeper looks
 * at each connection's HTTP parser a few times per timeout: a connection seen in the request-head state for longer
 * than the bound is closed. (HttpConnection is in a Jetty "internal" package but public; a Jetty upgrade that moves
 * it fails compilation, not silently.)
 */
final class RequestHeadTimeouts implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RequestHeadTimeouts.class);

    private final AbstractConnector connector;
    private final long timeoutNanos;
    private final Map<EndPoint, Long> headStartedAt = new ConcurrentHashMap<>();
    private final ScheduledExecutorService sweeper;

    RequestHeadTimeouts(AbstractConnector connector, Duration timeout) {
        this.connector = connector;
        this.timeoutNanos = timeout.toNanos();
        this.sweeper = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "ingest-request-head-timeouts");
            thread.setDaemon(true);
            return thread;
        });
        long periodMillis = Math.max(50, Math.min(1000, timeout.toMillis() / 4));
        sweeper.scheduleWithFixedDelay(this::sweep, periodMillis, periodMillis, TimeUnit.MILLISECONDS);
    }

    private void sweep() {
        try {
            long now = System.nanoTime();
            var open = connector.getConnectedEndPoints();
            headStartedAt.keySet().retainAll(open);
            for (EndPoint endPoint : open) {
                if (!readingRequestHead(endPoint.getConnection())) {
                    headStartedAt.remove(endPoint);
                    continue;
                }
                long started = headStartedAt.computeIfAbsent(endPoint, ignored -> now);
                if (now - started > timeoutNanos) {
                    headStartedAt.remove(endPoint);
                    LOG.debug("Closing a connection whose request head took longer than {} ms",
                            TimeUnit.NANOSECONDS.toMillis(timeoutNanos));
                    endPoint.close();
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("Request-head timeout sweep failed: {}", e.toString());
        }
    }

    private static boolean readingRequestHead(Connection connection) {
        if (connection instanceof SslConnection ssl) {
            // A TLS handshake in progress counts as reading the head too: no request can start before it ends.
            if (ssl.getSSLEngine().getHandshakeStatus() != SSLEngineResult.HandshakeStatus.NOT_HANDSHAKING) {
                return true;
            }
            Connection inner = ssl.getSslEndPoint().getConnection();
            return inner != null && readingRequestHead(inner);
        }
        if (connection instanceof HttpConnection http) {
            HttpParser parser = http.getParser();
            return parser != null && !parser.isStart() && parser.inHeaderState();
        }
        return false;
    }

    @Override
    public void close() {
        sweeper.shutdownNow();
    }
}
