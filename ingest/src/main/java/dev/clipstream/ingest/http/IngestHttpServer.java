package dev.clipstream.ingest.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.clipstream.ingest.IngestSettings;
import dev.clipstream.ingest.auth.TokenAuthenticator;
import dev.clipstream.ingest.blob.BlobStore;
import dev.clipstream.ingest.events.AcceptedClipIndex;
import dev.clipstream.ingest.events.EventPublisher;
import dev.clipstream.ingest.limit.TokenBucketRateLimiter;
import dev.clipstream.ingest.metrics.IngestMetrics;
import io.javalin.Javalin;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import io.javalin.http.Context;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The upload API v1 on Javalin (Jetty). Every answer is JSON; client errors are 4xx with the documented error
 * body, and only real internal errors are 500 (logged once, with the request line). Shutdown is graceful: new
 * requests get 503 while uploads in flight finish (bounded), then the server stops.
 */
public final class IngestHttpServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(IngestHttpServer.class);
    public static final String CLIP_PATH = "/v1/vehicles/{vehicleId}/clips/{clipId}";
    /** Every route the server registers, as "METHOD path"; the OpenAPI file must describe each. */
    public static final List<String> ROUTES = List.of("PUT " + CLIP_PATH, "GET " + CLIP_PATH);
    private static final String JSON = "application/json";
    private static final String ANSWERED = "clipstream.answered";
    private static final String BODY_OPENED = "clipstream.body-opened";
    private static final long DRAIN_LIMIT_BYTES = 64 * 1024;

    private final IngestSettings settings;
    private final UploadHandler handler;
    private final IngestMetrics metrics;
    private final ObjectMapper json = new ObjectMapper();
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Object drained = new Object();
    private final AtomicBoolean draining = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Javalin app;
    private final AtomicReference<ServerConnector> connector = new AtomicReference<>();
    private RequestHeadTimeouts requestHeadTimeouts;

    private IngestHttpServer(IngestSettings settings, BlobStore blobStore, EventPublisher publisher,
                             AcceptedClipIndex index, MeterRegistry registry, Clock clock) {
        this.settings = settings;
        this.handler = new UploadHandler(settings, new TokenAuthenticator(settings.tokens()),
                new TokenBucketRateLimiter(settings.rateLimitPerSecond(), settings.rateLimitBurst()), blobStore,
                publisher, index, clock);
        this.metrics = new IngestMetrics(registry, inFlight::get);
        QueuedThreadPool threads = new QueuedThreadPool(Math.max(settings.httpMaxThreads(), 8), 4);
        threads.setName("ingest-http");
        this.app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.jetty.threadPool = threads;
            config.jetty.addConnector((server, http) -> {
                ServerConnector created = UploadConnector.create(server, http, settings);
                connector.set(created);
                return created;
            });
            // Jetty's own answers (malformed URIs, oversized headers, ...) in the API's JSON error format.
            config.jetty.modifyServer(server -> server.setErrorHandler(new JsonErrorHandler()));
            config.jetty.modifyServletContextHandler(context -> context.setErrorHandler(new JsonErrorHandler()));
            config.http.prefer405over404 = true;
            config.jetty.modifyServletContextHandler(context -> context.addFilter(
                    new FilterHolder(new InFlightFilter()), "/*", EnumSet.of(DispatcherType.REQUEST)));
            config.routes.put(CLIP_PATH, this::put);
            config.routes.get(CLIP_PATH, this::get);
            config.routes.exception(ApiException.class, (e, ctx) -> answerError(ctx, e));
            config.routes.exception(Exception.class, this::internalError);
            config.routes.error(404, ctx -> fillEmptyError(ctx, "not-found",
                    "No such resource: " + ctx.method() + " " + ctx.path() + " (see docs/ingest-api.md)"));
            config.routes.error(405, ctx -> fillEmptyError(ctx, "method-not-allowed",
                    ctx.method() + " is not allowed on " + ctx.path()));
        });
    }

    /** Starts the API with the given parts; {@link dev.clipstream.ingest.IngestService} wires the real ones. */
    public static IngestHttpServer start(IngestSettings settings, BlobStore blobStore, EventPublisher publisher,
                                         AcceptedClipIndex index, MeterRegistry registry, Clock clock) {
        IngestHttpServer server = new IngestHttpServer(settings, blobStore, publisher, index, registry, clock);
        server.app.start();
        server.requestHeadTimeouts = new RequestHeadTimeouts(server.connector.get(),
                settings.connection().requestHeadTimeout());
        LOG.info("Ingest upload API listening on {} (PUT/GET {})", server.baseUri(), CLIP_PATH);
        return server;
    }

    public int port() {
        return app.port();
    }

    public URI baseUri() {
        String host = settings.httpHost();
        if (host.equals("0.0.0.0") || host.equals("::") || host.isBlank()) {
            host = "localhost";
        } else if (host.contains(":")) {
            host = "[" + host + "]";
        }
        return URI.create((settings.tls() == null ? "http" : "https") + "://" + host + ":" + port());
    }

    public int inFlight() {
        return inFlight.get();
    }

    private void put(Context ctx) {
        long started = System.nanoTime();
        String outcome = "500";
        try {
            refuseWhileDraining();
            UploadHandler.Answer answer = handler.upload(ctx.pathParam("vehicleId"), ctx.pathParam("clipId"),
                    new JettyRequest(ctx));
            if (answer.status() == 201) {
                ctx.header("Location", "/v1/vehicles/" + answer.body().vehicleId() + "/clips/" + answer.body().clipId());
                metrics.accepted(answer.body().sizeBytes());
            } else {
                metrics.acceptedAgain();
            }
            writeJson(ctx, answer.status(), answer.body());
            outcome = Integer.toString(answer.status());
        } catch (ApiException e) {
            outcome = e.code();
            throw e;
        } finally {
            metrics.latency(outcome, System.nanoTime() - started);
        }
    }

    private void get(Context ctx) {
        refuseWhileDraining();
        UploadHandler.Answer answer = handler.status(ctx.pathParam("vehicleId"), ctx.pathParam("clipId"),
                ctx.header("Authorization"));
        writeJson(ctx, answer.status(), answer.body());
    }

    private void refuseWhileDraining() {
        if (draining.get()) {
            throw ApiException.unavailable("The service is shutting down; retry against another instance or later",
                    settings.retryAfter(), null);
        }
    }

    /**
     * Counts requests from arrival until their answer is on the wire (flushed), so that a shutdown stops the server
     * only after the answers of uploads in flight went out, not merely after their handlers returned.
     */
    private final class InFlightFilter implements Filter {
        @Override
        public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
                throws IOException, ServletException {
            inFlight.incrementAndGet();
            try {
                chain.doFilter(request, response);
                response.flushBuffer();
            } finally {
                leave();
            }
        }
    }

    private void leave() {
        if (inFlight.decrementAndGet() == 0 && draining.get()) {
            synchronized (drained) {
                drained.notifyAll();
            }
        }
    }

    private void answerError(Context ctx, ApiException e) {
        metrics.rejected(e.code());
        drainSmallUnreadBody(ctx);
        if (e.retryAfter() != null) {
            long seconds = Math.max(1, (long) Math.ceil(e.retryAfter().toMillis() / 1000.0));
            ctx.header("Retry-After", Long.toString(seconds));
        }
        if (e.status() == 408) {
            // The rest of a too-slow body is not worth waiting for.
            ctx.header("Connection", "close");
        }
        if (e.status() == 401) {
            ctx.header("WWW-Authenticate", "Bearer realm=\"clipstream-ingest\"");
        }
        if (e.status() >= 500) {
            LOG.debug("{} {} -> {} {}: {}", ctx.method(), ctx.path(), e.status(), e.code(), e.getMessage());
        }
        writeJson(ctx, e.status(), new ErrorBody(e.code(), e.getMessage(), e.fields()));
    }

    private void internalError(Exception e, Context ctx) {
        // Javalin's own client-error exceptions (bad request lines and the like) stay 4xx.
        if (e instanceof io.javalin.http.HttpResponseException http && http.getStatus() < 500) {
            answerError(ctx, new ApiException(http.getStatus(), "bad-request", http.getMessage()));
            return;
        }
        // Javalin decodes path parameters before any handler runs; a bad escape such as %u002e fails there.
        if (e instanceof IllegalArgumentException && e.getMessage() != null && e.getMessage().startsWith("URLDecoder")) {
            answerError(ctx, ApiException.invalidId("An id in the path is not valid percent-encoding: "
                    + e.getMessage()));
            return;
        }
        metrics.rejected("internal-error");
        LOG.error("Internal error answering {} {}", ctx.method(), ctx.path(), e);
        writeJson(ctx, 500, new ErrorBody("internal-error", "The service failed unexpectedly; the error is logged",
                List.of()));
    }

    /**
     * Reads and discards a small body the refusal left unread (at most {@link #DRAIN_LIMIT_BYTES}), so the client
     * reads the answer instead of a connection reset and may reuse the connection. Larger bodies are left to
     * Jetty, which closes the connection; a client that sent {@code Expect: 100-continue} sent no body at all.
     */
    private static void drainSmallUnreadBody(Context ctx) {
        if (ctx.attribute(BODY_OPENED) != null || ctx.header("Expect") != null
                || !"PUT".equalsIgnoreCase(ctx.req().getMethod())
                || ctx.req().getContentLengthLong() > DRAIN_LIMIT_BYTES) {
            return;
        }
        try {
            InputStream body = ctx.req().getInputStream();
            byte[] buffer = new byte[8192];
            long total = 0;
            int read;
            while (total < DRAIN_LIMIT_BYTES && (read = body.read(buffer)) != -1) {
                total += read;
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("Could not drain the body of a refused request: {}", e.toString());
        }
    }

    /** For 404/405 that Javalin itself produced (no route matched); answers of our handlers are left alone. */
    private void fillEmptyError(Context ctx, String code, String message) {
        if (ctx.attribute(ANSWERED) == null) {
            writeJson(ctx, ctx.statusCode(), new ErrorBody(code, message, List.of()));
        }
    }

    private void writeJson(Context ctx, int status, Object body) {
        try {
            ctx.attribute(ANSWERED, Boolean.TRUE);
            ctx.status(status).contentType(JSON).result(json.writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            ctx.status(500).contentType(JSON)
                    .result("{\"error\":\"internal-error\",\"message\":\"response encoding failed\"}"
                            .getBytes(StandardCharsets.UTF_8));
        }
    }

    /**
     * Stops taking uploads (new ones get 503), waits up to the shutdown timeout for those in flight, then stops the
     * server. Returns whether every upload finished.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        draining.set(true);
        long deadline = System.nanoTime() + settings.shutdownTimeout().toNanos();
        synchronized (drained) {
            while (inFlight.get() > 0 && System.nanoTime() < deadline) {
                try {
                    drained.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        if (inFlight.get() > 0) {
            LOG.warn("Stopping the upload API with {} upload(s) still in flight after {}", inFlight.get(),
                    settings.shutdownTimeout());
        }
        app.stop();
        if (requestHeadTimeouts != null) {
            requestHeadTimeouts.close();
        }
    }

    /** The request as {@link UploadHandler} sees it. */
    private record JettyRequest(Context ctx) implements UploadHandler.UploadRequest {
        @Override
        public String header(String name) {
            return ctx.header(name);
        }

        @Override
        public long contentLength() {
            return ctx.req().getContentLengthLong();
        }

        @Override
        public InputStream body() throws IOException {
            ctx.attribute(BODY_OPENED, Boolean.TRUE);
            return ctx.req().getInputStream();
        }
    }

}
