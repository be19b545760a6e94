package dev.clipstream.lag.monitor;

import dev.clipstream.lag.compute.PipelineUnits;
import dev.clipstream.lag.metrics.LagMetrics;
import dev.clipstream.lag.model.GroupLag;
import dev.clipstream.lag.model.LagSnapshot;
import dev.clipstream.lag.model.LagStatus;
import dev.clipstream.lag.web.LagWebServer;
import dev.clipstream.runtime.management.ManagementServer;
import dev.clipstream.runtime.management.ManagementSettings;
import dev.clipstream.runtime.management.ReadinessCheck;
import dev.clipstream.schemas.topic.TopicCatalog;
import java.net.URI;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lag monitor as a service: evaluates every {@link LagSettings#interval()}, publishes Prometheus metrics on a
 * {@link ManagementServer} (/healthz, /readyz, /metrics) and serves the lag page and its JSON on a web port
 * (/lag, /api/lag). Start it in-process (demo, tests) with {@link #start(LagSettings, String, TopicCatalog)}.
 */
public final class LagMonitor implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LagMonitor.class);
    private static final int SUMMARY_EVERY = 12;

    private final LagEngine engine;
    private final LagHistory history;
    private final ManagementServer management;
    private final LagMetrics metrics;
    private final LagWebServer web;
    private final ScheduledExecutorService scheduler;
    private final AtomicReference<LagSnapshot> latest = new AtomicReference<>();
    private int evaluations;

    private LagMonitor(LagEngine engine, ManagementServer management, LagSettings settings) {
        this.engine = engine;
        this.management = management;
        this.history = new LagHistory(settings.history());
        this.metrics = new LagMetrics(management.meterRegistry());
        this.web = LagWebServer.start(settings.webHost(), settings.webPort(), this::latest, history,
                settings.interval().toMillis());
        management.registerReadinessCheck("lag-evaluation", () -> latest.get() != null
                ? ReadinessCheck.Result.ok() : ReadinessCheck.Result.failed("no evaluation finished yet"));
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "clipstream-lag-monitor");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(this::evaluateOnce, 0, settings.interval().toMillis(),
                TimeUnit.MILLISECONDS);
    }

    /**
     * Starts the monitor with its management endpoint on a free port of the web host.
     *
     * @param catalog the topic catalog whose serdes decode pipeline units; null to report records and time only
     */
    public static LagMonitor start(LagSettings settings, String bootstrapServers, TopicCatalog catalog) {
        return start(settings, ManagementSettings.of("clipstream-lag", settings.webHost(), 0), bootstrapServers,
                Map.of(), catalog == null ? PipelineUnits.none() : PipelineUnits.fromCatalog(catalog));
    }

    public static LagMonitor start(LagSettings settings, ManagementSettings managementSettings,
                                   String bootstrapServers, Map<String, Object> clientOverrides, PipelineUnits units) {
        LagEngine engine = LagEngine.create(settings, bootstrapServers, clientOverrides, units);
        ManagementServer management = null;
        try {
            management = ManagementServer.start(managementSettings);
            LagMonitor monitor = new LagMonitor(engine, management, settings);
            LOG.info("Lag monitor watching {}{} every {} ms: page {}, metrics {}", engine.namedGroups(),
                    settings.allGroups() ? " and all groups" : "", settings.interval().toMillis(),
                    monitor.pageUri(), monitor.metricsUri());
            return monitor;
        } catch (RuntimeException e) {
            if (management != null) {
                management.close();
            }
            engine.close();
            throw e;
        }
    }

    public URI pageUri() {
        return web.baseUri().resolve("/lag");
    }

    public URI apiUri() {
        return web.baseUri().resolve("/api/lag");
    }

    public URI metricsUri() {
        return management.baseUri().resolve("/metrics");
    }

    public Optional<LagSnapshot> latest() {
        return Optional.ofNullable(latest.get());
    }

    public LagHistory history() {
        return history;
    }

    private void evaluateOnce() {
        try {
            LagSnapshot snapshot = engine.evaluate();
            latest.set(snapshot);
            history.add(snapshot);
            metrics.update(snapshot);
            if (evaluations++ % SUMMARY_EVERY == 0) {
                logSummary(snapshot);
            }
        } catch (RuntimeException e) {
            // Never let one failed evaluation end the schedule.
            LOG.warn("Lag evaluation failed: {}", e.toString());
        }
    }

    private static void logSummary(LagSnapshot snapshot) {
        Map<LagStatus, Integer> counts = new EnumMap<>(LagStatus.class);
        long records = 0;
        for (GroupLag g : snapshot.groups()) {
            counts.merge(g.status(), 1, Integer::sum);
            records += g.recordLag();
        }
        LOG.info("Lag: {} groups {}, {} records behind in total, evaluation took {} ms", snapshot.groups().size(),
                counts, records, snapshot.evaluationMillis());
    }

    @Override
    public void close() {
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        web.close();
        management.close();
        engine.close();
    }
}
