package dev.clipstream.runtime.management;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.BindException;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The management endpoint every service runs on a port of its own, apart from its business traffic:
 * <ul>
 *   <li>{@code GET /healthz} liveness: 200 {@code {"status":"UP"}} while the process serves HTTP;</li>
 *   <li>{@code GET /readyz} readiness: runs every registered {@link ReadinessCheck}; 200 when all pass, otherwise
 *       503 with each failing check and its reason;</li>
 *   <li>{@code GET /metrics} Prometheus text exposition of {@link #meterRegistry()}.</li>
 * </ul>
 */
public final class ManagementServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ManagementServer.class);
    private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
    private static final String JSON = "application/json";

    private final ManagementSettings settings;
    private final ServiceMeterRegistry metrics;
    private final Map<String, ReadinessCheck> checks = new ConcurrentHashMap<>();
    // A check that hangs keeps its thread (futures cannot interrupt it); later probes wait on that same run
    // instead of starting another, so a stuck dependency costs one thread per check, not one per probe.
    private final Map<String, CompletableFuture<ReadinessCheck.Result>> inFlight = new ConcurrentHashMap<>();
    private final ExecutorService checkExecutor;
    private final ObjectMapper json = new ObjectMapper();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Javalin app;

    private ManagementServer(ManagementSettings settings) {
        this.settings = settings;
        this.metrics = new ServiceMeterRegistry(settings.serviceName());
        AtomicInteger threadCount = new AtomicInteger();
        this.checkExecutor = Executors.newCachedThreadPool(runnable -> {
            Thread thread = new Thread(runnable, "readiness-check-" + threadCount.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        this.app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.jetty.host = settings.host();
            config.jetty.port = settings.port();
            config.routes.get("/healthz", ctx -> ctx.contentType(JSON).result("{\"status\":\"UP\"}"));
            config.routes.get("/readyz", this::readiness);
            config.routes.get("/metrics", ctx -> ctx.contentType(PROMETHEUS_TEXT).result(metrics.registry().scrape()));
        });
    }

    /**
     * Starts listening and logs one line with the URL.
     *
     * @throws ManagementServerException when the port is taken or the host cannot be bound
     */
    public static ManagementServer start(ManagementSettings settings) {
        ManagementServer server = new ManagementServer(settings);
        try {
            server.app.start();
        } catch (RuntimeException e) {
            server.close();
            throw new ManagementServerException(describeStartFailure(settings, e), e);
        }
        LOG.info("Management endpoint of {} listening on {} (/healthz, /readyz, /metrics)",
                settings.serviceName(), server.baseUri());
        return server;
    }

    /** Adds (or replaces) a named check /readyz runs; thread-safe, usable any time after start. */
    public ManagementServer registerReadinessCheck(String name, ReadinessCheck check) {
        checks.put(name, check);
        return this;
    }

    /** Where services register their own meters; they appear on /metrics tagged with the service name. */
    public PrometheusMeterRegistry meterRegistry() {
        return metrics.registry();
    }

    public int port() {
        return app.port();
    }

    /** The base URL; a wildcard bind address is shown as localhost so the URL can be pasted. */
    public URI baseUri() {
        String host = settings.host();
        if (host.equals("0.0.0.0") || host.equals("::") || host.isBlank()) {
            host = "localhost";
        } else if (host.contains(":")) {
            host = "[" + host + "]";
        }
        return URI.create("http://" + host + ":" + port());
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            app.stop();
            checkExecutor.shutdownNow();
            metrics.close();
        }
    }

    private void readiness(Context ctx) throws JsonProcessingException {
        Map<String, CompletableFuture<ReadinessCheck.Result>> running = new LinkedHashMap<>();
        checks.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .forEach(entry -> running.put(entry.getKey(), inFlight.compute(entry.getKey(),
                        (name, previous) -> previous != null && !previous.isDone()
                                ? previous
                                : CompletableFuture.supplyAsync(() -> runCheck(entry.getValue()), checkExecutor))));

        Map<String, Object> details = new LinkedHashMap<>();
        List<String> failing = new ArrayList<>();
        running.forEach((name, future) -> {
            ReadinessCheck.Result result = await(future);
            Map<String, String> detail = new LinkedHashMap<>();
            detail.put("status", result.passed() ? "UP" : "DOWN");
            if (!result.passed()) {
                detail.put("reason", result.reason());
                failing.add(name);
            }
            details.put(name, detail);
        });

        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", failing.isEmpty() ? "UP" : "DOWN");
        if (!failing.isEmpty()) {
            body.put("failing", failing);
        }
        body.put("checks", details);
        ctx.status(failing.isEmpty() ? 200 : 503).contentType(JSON).result(json.writeValueAsString(body));
    }

    private static ReadinessCheck.Result runCheck(ReadinessCheck check) {
        try {
            ReadinessCheck.Result result = check.check();
            return result != null ? result : ReadinessCheck.Result.failed("check returned no result");
        } catch (Exception e) {
            return ReadinessCheck.Result.failed(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private ReadinessCheck.Result await(CompletableFuture<ReadinessCheck.Result> future) {
        try {
            return future.get(settings.readinessTimeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            return ReadinessCheck.Result.failed("timed out after " + settings.readinessTimeout().toMillis()
                    + " ms (still running; the next probe waits for this run)");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return ReadinessCheck.Result.failed("interrupted");
        } catch (ExecutionException e) {
            return ReadinessCheck.Result.failed(String.valueOf(e.getCause()));
        }
    }

    private static String describeStartFailure(ManagementSettings settings, RuntimeException e) {
        String address = settings.host() + ":" + settings.port();
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof BindException) {
                return "Cannot start the management endpoint on " + address + ": port " + settings.port()
                        + " is already in use (or the address cannot be bound). Set " + ManagementSettings.PORT
                        + " to a free port, or 0 for any free port.";
            }
        }
        return "Cannot start the management endpoint on " + address + ": " + e.getMessage();
    }
}
