package dev.clipstream.backends.sim;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.clipstream.backends.api.BackendJson;
import dev.clipstream.backends.api.BackendStatusView;
import dev.clipstream.backends.api.HttpTrainingBackendClient;
import dev.clipstream.backends.api.JobState;
import dev.clipstream.backends.sim.JobRequestValidation.FieldProblem;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HttpResponseException;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.BindException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A simulated backend behind the "Training backend job API v1" (docs/training-backends.md), with /healthz, /readyz
 * and /metrics on the same port. One scheduler thread advances the model every tick so that events happen without
 * requests; every request advances it too.
 */
public final class SimulatedBackendServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SimulatedBackendServer.class);
    private static final String JSON = "application/json";
    private static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";
    /** A hung request is answered 503 after this long, so no client waits forever on a test that forgot it. */
    private static final Duration MAX_HOLD = Duration.ofSeconds(60);
    private static final Duration SUMMARY_INTERVAL = Duration.ofSeconds(60);

    private final SimulatedBackendSettings settings;
    private final BackendSimulator simulator;
    private final ObjectMapper json = BackendJson.mapper();
    private final JobRequestParser parser = new JobRequestParser(json);
    private final HangSwitch hang = new HangSwitch();
    private final PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final ScheduledExecutorService scheduler;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Javalin app;

    private SimulatedBackendServer(SimulatedBackendSettings settings, SimulatedClock clock) {
        this.settings = settings;
        // A run id per start keeps job ids unique across restarts of the backend (see BackendSimulator).
        this.simulator = new BackendSimulator(settings, clock, Integer.toString(
                java.util.concurrent.ThreadLocalRandom.current().nextInt(36 * 36 * 36 * 36 * 36, Integer.MAX_VALUE),
                36));
        metrics.config().commonTags("service", "backend-" + settings.name(), "backend", settings.name(),
                "kind", settings.kind().name());
        new JvmMemoryMetrics().bindTo(metrics);
        new UptimeMetrics().bindTo(metrics);
        BackendMetrics.bind(metrics, simulator);
        this.scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "backend-" + settings.name() + "-scheduler");
            thread.setDaemon(true);
            return thread;
        });
        this.app = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.startup.showOldJavalinVersionWarning = false;
            config.jetty.host = settings.host();
            config.jetty.port = settings.port();
            config.http.asyncTimeout = MAX_HOLD.plusSeconds(5).toMillis();
            config.routes.post("/v1/jobs", held(this::submit));
            config.routes.get("/v1/jobs", held(this::listJobs));
            config.routes.get("/v1/jobs/{jobId}", held(this::getJob));
            config.routes.delete("/v1/jobs/{jobId}", held(this::cancelJob));
            config.routes.get("/v1/status", held(ctx -> ok(ctx, simulator.status())));
            config.routes.get("/v1/events", this::listEvents);
            config.routes.post("/v1/faults/outage", this::outage);
            config.routes.post("/v1/faults/recover", ctx -> ok(ctx, simulator.recover()));
            config.routes.post("/v1/faults/preempt/{jobId}", ctx -> ok(ctx, simulator.preempt(ctx.pathParam("jobId"))));
            config.routes.post("/v1/faults/slowdown", this::slowdown);
            config.routes.post("/v1/faults/hang", this::hang);
            config.routes.post("/v1/capacity", this::capacity);
            config.routes.get("/healthz", ctx -> ctx.contentType(JSON).result("{\"status\":\"UP\"}"));
            config.routes.get("/readyz", ctx -> ctx.contentType(JSON).result(readiness()));
            config.routes.get("/metrics", ctx -> ctx.contentType(PROMETHEUS_TEXT).result(metrics.scrape()));
            config.routes.exception(BadRequest.class, (e, ctx) -> error(ctx, 400, "invalid-request", e.getMessage(),
                    e.problems));
            config.routes.exception(UnknownJobException.class, (e, ctx) -> error(ctx, 404, "job-not-found",
                    e.getMessage(), List.of()));
            config.routes.exception(BackendDownException.class, (e, ctx) -> {
                ctx.header("Retry-After", Long.toString(e.retryAfterSeconds()));
                error(ctx, 503, "backend-" + e.state().toLowerCase(Locale.ROOT), e.getMessage(), List.of());
            });
            config.routes.exception(IllegalArgumentException.class, (e, ctx) -> error(ctx, 400, "invalid-request",
                    e.getMessage(), List.of()));
            config.routes.exception(IllegalStateException.class, (e, ctx) -> error(ctx, 409, "conflict",
                    e.getMessage(), List.of()));
            config.routes.exception(Exception.class, (e, ctx) -> {
                LOG.warn("Backend {}: unexpected error on {} {}", settings.name(), ctx.method(), ctx.path(), e);
                error(ctx, 500, "internal-error", e.toString(), List.of());
            });
            // Javalin's own answers (no such endpoint, wrong method) as JSON like every other error.
            config.routes.exception(HttpResponseException.class, (e, ctx) -> error(ctx, e.getStatus(),
                    e.getStatus() == 404 ? "not-found" : "http-" + e.getStatus(),
                    e.getMessage() + "; see docs/training-backends.md", List.of()));
        });
    }

    /** Starts on {@code settings.port()} with a scaled clock from {@code settings.simulatedStart()} (or now). */
    public static SimulatedBackendServer start(SimulatedBackendSettings settings) {
        Instant start = settings.simulatedStart() != null ? settings.simulatedStart()
                : Instant.now().truncatedTo(ChronoUnit.SECONDS);
        return start(settings, SimulatedClock.scaled(start, settings.timeScale()));
    }

    /** Starts with the given clock (tests pass a manual one). */
    public static SimulatedBackendServer start(SimulatedBackendSettings settings, SimulatedClock clock) {
        SimulatedBackendServer server = new SimulatedBackendServer(settings, clock);
        try {
            server.app.start();
        } catch (RuntimeException e) {
            server.close();
            throw new IllegalStateException(describeStartFailure(settings, e), e);
        }
        long tickMillis = Math.max(1, settings.tickInterval().toMillis());
        server.scheduler.scheduleWithFixedDelay(server::tickQuietly, tickMillis, tickMillis, TimeUnit.MILLISECONDS);
        server.scheduler.scheduleWithFixedDelay(server::logSummary, SUMMARY_INTERVAL.toMillis(),
                SUMMARY_INTERVAL.toMillis(), TimeUnit.MILLISECONDS);
        LOG.info("Simulated {} backend '{}' listening on {} ({} {} x {} per job, time scale {}, seed {}, start {})",
                settings.kind(), settings.name(), server.baseUri(), settings.capacityUnits(), settings.unitName(),
                settings.unitsPerJob(), settings.timeScale(), settings.seed(), clock.start());
        return server;
    }

    public URI baseUri() {
        String host = settings.host();
        if (host.equals("0.0.0.0") || host.equals("::") || host.isBlank()) {
            host = "localhost";
        } else if (host.contains(":")) {
            host = "[" + host + "]";
        }
        return URI.create("http://" + host + ":" + port());
    }

    public int port() {
        return app.port();
    }

    public SimulatedBackendSettings settings() {
        return settings;
    }

    /** The model itself, for in-process tests and the demo. */
    public BackendSimulator simulator() {
        return simulator;
    }

    public PrometheusMeterRegistry meterRegistry() {
        return metrics;
    }

    /** A client for this server, named after the backend. */
    public HttpTrainingBackendClient client(Duration timeout) {
        return new HttpTrainingBackendClient(settings.name(), baseUri(), timeout);
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            hang.close();
            scheduler.shutdownNow();
            app.stop();
            metrics.close();
            LOG.info("Simulated backend '{}' stopped", settings.name());
        }
    }

    // ---- handlers ----

    private void submit(Context ctx) throws JsonProcessingException {
        JobRequestParser.Parsed parsed = parser.parse(ctx.body());
        if (!parsed.problems().isEmpty()) {
            throw new BadRequest("Invalid job request: " + describe(parsed.problems()), parsed.problems());
        }
        BackendSimulator.SubmitResult result = simulator.submit(parsed.request());
        if (result.created()) {
            ctx.header("Location", "/v1/jobs/" + result.job().jobId());
        }
        ctx.status(result.created() ? 201 : 200).contentType(JSON).result(json.writeValueAsString(result.job()));
    }

    private void listJobs(Context ctx) throws JsonProcessingException {
        String batchId = ctx.queryParam("batchId");
        ok(ctx, batchId == null ? simulator.jobs() : simulator.jobsForBatch(batchId));
    }

    private void getJob(Context ctx) throws JsonProcessingException {
        String jobId = ctx.pathParam("jobId");
        ok(ctx, simulator.job(jobId).orElseThrow(() -> new UnknownJobException(settings.name(), jobId)));
    }

    private void cancelJob(Context ctx) throws JsonProcessingException {
        ok(ctx, simulator.cancel(ctx.pathParam("jobId")));
    }

    private void listEvents(Context ctx) throws JsonProcessingException {
        ok(ctx, simulator.events());
    }

    private void outage(Context ctx) throws JsonProcessingException {
        JsonNode body = objectBody(ctx, false);
        Optional<Duration> duration = Optional.empty();
        JsonNode seconds = body.get("durationSeconds");
        if (seconds != null && !seconds.isNull()) {
            if (!seconds.isNumber() || !(seconds.asDouble() > 0) || seconds.asDouble() > 1e9) {
                throw fieldProblem("durationSeconds", "must be a positive number of simulated seconds");
            }
            duration = Optional.of(Duration.ofNanos((long) (seconds.asDouble() * 1e9)));
        }
        ok(ctx, simulator.outage(duration));
    }

    private void slowdown(Context ctx) throws JsonProcessingException {
        JsonNode factor = objectBody(ctx, true).get("factor");
        if (factor == null || !factor.isNumber() || !(factor.asDouble() > 0) || factor.asDouble() > 1000) {
            throw fieldProblem("factor", "must be a number in (0, 1000]");
        }
        ok(ctx, simulator.slowdown(factor.asDouble()));
    }

    private void hang(Context ctx) throws JsonProcessingException {
        JsonNode enabled = objectBody(ctx, true).get("enabled");
        if (enabled == null || !enabled.isBoolean()) {
            throw fieldProblem("enabled", "must be true or false");
        }
        hang.set(enabled.asBoolean());
        LOG.info("Backend {}: hang fault {}", settings.name(), enabled.asBoolean() ? "on" : "off");
        ok(ctx, simulator.status());
    }

    private void capacity(Context ctx) throws JsonProcessingException {
        JsonNode units = objectBody(ctx, true).get("units");
        if (units == null || !units.isIntegralNumber() || !units.canConvertToInt() || units.asInt() < 0) {
            throw fieldProblem("units", "must be a whole number >= 0");
        }
        ok(ctx, simulator.setCapacity(units.asInt()));
    }

    private String readiness() {
        // The process is ready once it serves; a simulated outage is reported by /v1/status, not here.
        return "{\"status\":\"UP\",\"backend\":\"" + simulator.state() + "\"}";
    }

    // ---- helpers ----

    private Handler held(Handler handler) {
        return ctx -> {
            if (!hang.enabled()) {
                handler.handle(ctx);
                return;
            }
            ctx.future(() -> hang.released().copy() // a copy: the timeout must not release everyone
                    .orTimeout(MAX_HOLD.toMillis(), TimeUnit.MILLISECONDS)
                    .handle((released, timeout) -> {
                        if (timeout != null || closed.get()) {
                            error(ctx, 503, "backend-hung", "Backend " + settings.name() + " held this request"
                                    + (closed.get() ? " until it stopped" : " for " + MAX_HOLD.toSeconds() + " s")
                                    + " (hang fault)", List.of());
                        } else {
                            runHeld(handler, ctx);
                        }
                        return null;
                    }));
        };
    }

    /** Runs a released request's handler, answering its failures as the exception handlers would. */
    private void runHeld(Handler handler, Context ctx) {
        try {
            handler.handle(ctx);
        } catch (BadRequest e) {
            error(ctx, 400, "invalid-request", e.getMessage(), e.problems);
        } catch (UnknownJobException e) {
            error(ctx, 404, "job-not-found", e.getMessage(), List.of());
        } catch (BackendDownException e) {
            ctx.header("Retry-After", Long.toString(e.retryAfterSeconds()));
            error(ctx, 503, "backend-" + e.state().toLowerCase(Locale.ROOT), e.getMessage(), List.of());
        } catch (IllegalArgumentException e) {
            error(ctx, 400, "invalid-request", e.getMessage(), List.of());
        } catch (Exception e) {
            LOG.warn("Backend {}: unexpected error on held {} {}", settings.name(), ctx.method(), ctx.path(), e);
            error(ctx, 500, "internal-error", e.toString(), List.of());
        }
    }

    private JsonNode objectBody(Context ctx, boolean required) {
        String body = ctx.body();
        if (body == null || body.isBlank()) {
            if (required) {
                throw new BadRequest("A JSON object body is required", List.of(new FieldProblem("(body)", "missing")));
            }
            return json.createObjectNode();
        }
        try {
            JsonNode node = json.readTree(body);
            if (node == null || !node.isObject()) {
                throw new BadRequest("The body must be a JSON object",
                        List.of(new FieldProblem("(body)", "not an object")));
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new BadRequest("The body is not valid JSON: " + e.getOriginalMessage(),
                    List.of(new FieldProblem("(body)", "not valid JSON")));
        }
    }

    private static BadRequest fieldProblem(String field, String problem) {
        return new BadRequest("Invalid " + field + ": " + problem, List.of(new FieldProblem(field, problem)));
    }

    private static String describe(List<FieldProblem> problems) {
        return String.join("; ", problems.stream().map(p -> p.field() + " " + p.problem()).toList());
    }

    private void ok(Context ctx, Object body) throws JsonProcessingException {
        ctx.status(200).contentType(JSON).result(json.writeValueAsString(body));
    }

    private void error(Context ctx, int status, String code, String message, List<FieldProblem> problems) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", code);
        body.put("message", message);
        if (!problems.isEmpty()) {
            body.put("fields", problems);
        }
        try {
            ctx.status(status).contentType(JSON).result(json.writeValueAsString(body));
        } catch (JsonProcessingException e) {
            ctx.status(status).contentType(JSON).result("{\"error\":\"" + code + "\"}");
        }
    }

    private void tickQuietly() {
        try {
            simulator.tick();
        } catch (RuntimeException e) {
            LOG.warn("Backend {}: scheduler tick failed", settings.name(), e);
        }
    }

    private void logSummary() {
        try {
            BackendStatusView status = simulator.status();
            LOG.info("Backend {} at {}: {}, {}/{} {} free, {} queued, {} running, {} succeeded, {} failed, "
                            + "{} preempted, cost ${}", settings.name(), status.simulatedTime(), status.state(),
                    status.freeUnits(), status.capacityUnits(), status.unit(), status.queuedJobs(),
                    status.runningJobs(), simulator.finishedCount(JobState.SUCCEEDED),
                    simulator.finishedCount(JobState.FAILED),
                    simulator.finishedCount(JobState.PREEMPTED),
                    String.format(Locale.ROOT, "%.2f", simulator.totalCostUsd()));
        } catch (RuntimeException e) {
            LOG.warn("Backend {}: summary failed", settings.name(), e);
        }
    }

    private static String describeStartFailure(SimulatedBackendSettings settings, RuntimeException e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof BindException) {
                return "Cannot start backend '" + settings.name() + "' on " + settings.host() + ":" + settings.port()
                        + ": the port is in use (or the address cannot be bound); choose another port or 0";
            }
        }
        return "Cannot start backend '" + settings.name() + "': " + e.getMessage();
    }

    /** A 400 with the fields at fault. */
    private static final class BadRequest extends RuntimeException {
        private final transient List<FieldProblem> problems;

        BadRequest(String message, List<FieldProblem> problems) {
            super(message);
            this.problems = problems;
        }
    }
}
