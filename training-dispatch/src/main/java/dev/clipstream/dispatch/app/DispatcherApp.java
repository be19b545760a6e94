package dev.clipstream.dispatch.app;

import dev.clipstream.backends.api.TrainingBackendClient;
import dev.clipstream.runtime.management.ManagementServer;
import dev.clipstream.runtime.management.ReadinessCheck;
import dev.clipstream.schemas.avro.DispatchEvent;
import dev.clipstream.schemas.avro.TrainingBatch;
import dev.clipstream.schemas.topic.TopicCatalog;
import io.micrometer.core.instrument.Counter;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running dispatcher: management endpoint, one monitor thread per backend, the dispatch loop thread and the
 * executor for backend calls. {@link #start} is the in-process entry point (CLI, demo, tests).
 */
public final class DispatcherApp implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DispatcherApp.class);
    private static final Duration REBUILD_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration FIRST_RESTART_BACKOFF = Duration.ofSeconds(1);
    private static final Duration MAX_RESTART_BACKOFF = Duration.ofSeconds(30);

    private final DispatchSettings settings;
    private final ManagementServer management;
    private final Supplier<DispatchLoop> newLoop;
    private final Thread loopThread;
    private final List<BackendMonitor> monitors = new ArrayList<>();
    private final ExecutorService calls;
    private final Map<String, TrainingBackendClient> clients;
    private final AtomicReference<DispatchView> view;
    private final Counter loopRestarts;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final CountDownLatch closing = new CountDownLatch(1);
    private final Object loopLock = new Object();
    private volatile DispatchLoop loop;
    private volatile Throwable lastFailure;

    private DispatcherApp(DispatchSettings settings, ManagementServer management, Supplier<DispatchLoop> newLoop,
                          ExecutorService calls, Map<String, TrainingBackendClient> clients,
                          AtomicReference<DispatchView> view) {
        this.settings = settings;
        this.clients = clients;
        this.management = management;
        this.newLoop = newLoop;
        this.calls = calls;
        this.view = view;
        this.loopRestarts = Counter.builder("dispatch_loop_restarts")
                .description("Times the dispatch loop failed (e.g. Kafka unreachable past its timeouts) and was "
                        + "rebuilt from the events topic")
                .register(management.meterRegistry());
        this.loopThread = new Thread(this::superviseLoop, "dispatch-loop");
    }

    /**
     * Starts a dispatcher. The topics must exist ({@code TopicBootstrap}); the backend clients carry their own call
     * timeouts and are closed by {@link #close()}.
     *
     * @param catalog  supplies the serdes of training.batches and dispatch.events (names from the settings)
     * @param backends backend name (as the policy names it) -> client
     */
    public static DispatcherApp start(DispatchSettings settings, TopicCatalog catalog, String bootstrapServers,
                                      Map<String, TrainingBackendClient> backends) {
        return start(settings, catalog, bootstrapServers, backends, Clock.systemUTC(), event -> { });
    }

    /** As {@link #start(DispatchSettings, TopicCatalog, String, Map)}, with a clock and a listener of committed events. */
    public static DispatcherApp start(DispatchSettings settings, TopicCatalog catalog, String bootstrapServers,
                                      Map<String, TrainingBackendClient> backends, Clock clock,
                                      Consumer<DispatchEvent> committedEvents) {
        List<String> unknown = settings.policy().backends().stream().filter(name -> !backends.containsKey(name))
                .toList();
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("The policy names backends without a client: " + unknown
                    + " (clients: " + backends.keySet() + ")");
        }
        Map<String, TrainingBackendClient> clients = new LinkedHashMap<>(backends);
        ManagementServer management = ManagementServer.start(settings.management());
        AtomicReference<DispatchView> view = new AtomicReference<>(DispatchView.EMPTY);
        DispatchMetrics metrics = new DispatchMetrics(management.meterRegistry(), view, clients.keySet());

        AtomicInteger callThreads = new AtomicInteger();
        ExecutorService calls = Executors.newFixedThreadPool(Math.max(4, 4 * clients.size()), runnable -> {
            Thread thread = new Thread(runnable, "dispatch-call-" + callThreads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        EventEncoder encoder = new EventEncoder(catalog.dispatchEvents().keySerde().serializer(),
                catalog.dispatchEvents().valueSerde().serializer());
        StateRebuilder rebuilder = new StateRebuilder(() -> new KafkaConsumer<>(
                consumerConfig(settings, bootstrapServers, null), catalog.dispatchEvents().keySerde().deserializer(),
                catalog.dispatchEvents().valueSerde().deserializer()), REBUILD_TIMEOUT);
        // Each loop gets Kafka clients of its own: a loop that failed closed its own, and its successor starts from
        // the log as a new process would.
        Supplier<DispatchLoop> newLoop = () -> {
            KafkaConsumer<String, TrainingBatch> consumer = new KafkaConsumer<>(consumerConfig(settings,
                    bootstrapServers, settings.groupId()), catalog.trainingBatches().keySerde().deserializer(),
                    catalog.trainingBatches().valueSerde().deserializer());
            // Bytes, so that events and dead letters (raw records) share one transaction with the consumed offsets.
            KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(producerConfig(settings, bootstrapServers),
                    new ByteArraySerializer(), new ByteArraySerializer());
            return new DispatchLoop(settings, consumer, producer, encoder, catalog.deadLetter().name(),
                    rebuilder, clients, calls, clock, view::set,
                    event -> {
                        metrics.recordWritten(event);
                        committedEvents.accept(event);
                    });
        };
        DispatcherApp app = new DispatcherApp(settings, management, newLoop, calls, clients, view);
        management.registerReadinessCheck("dispatch-state", () -> app.view.get().recovered()
                ? ReadinessCheck.Result.ok()
                : ReadinessCheck.Result.failed(Optional.ofNullable(app.lastFailure)
                        .map(e -> "dispatch loop failed (" + e + "); rebuilding the state from "
                                + settings.eventsTopic())
                        .orElse("rebuilding the state from " + settings.eventsTopic())));
        app.loop = newLoop.get();
        app.loopThread.start();
        clients.values().forEach(client -> app.monitors.add(
                new BackendMonitor(client, settings.backendPollInterval(), app::observe)));
        LOG.info("Dispatcher started: backends {}, policy {}, management {}", clients.keySet(), settings.policy(),
                management.baseUri());
        return app;
    }

    private static Map<String, Object> consumerConfig(DispatchSettings settings, String bootstrapServers,
                                                      String groupId) {
        Map<String, Object> config = new HashMap<>(settings.consumerOverrides());
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, IsolationLevel.READ_COMMITTED.toString());
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        if (groupId != null) {
            config.put(ConsumerConfig.GROUP_ID_CONFIG, groupId);
        }
        config.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, "dispatch-" + (groupId != null ? "batches" : "rebuild"));
        return config;
    }

    private static Map<String, Object> producerConfig(DispatchSettings settings, String bootstrapServers) {
        Map<String, Object> config = new HashMap<>(settings.producerOverrides());
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, settings.transactionalId());
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, 0);
        // The first write of a transaction right after a commit is answered CONCURRENT_TRANSACTIONS until the broker
        // has written the previous commit's markers; the default backoff (100 ms doubling to 1 s) would make every
        // dispatch decision wait that long.
        config.putIfAbsent(ProducerConfig.RETRY_BACKOFF_MS_CONFIG, 5);
        config.putIfAbsent(ProducerConfig.RETRY_BACKOFF_MAX_MS_CONFIG, 50);
        return config;
    }

    public URI managementUri() {
        return management.baseUri();
    }

    /** The latest picture of the dispatcher (what /metrics shows). */
    public DispatchView view() {
        return view.get();
    }

    public boolean ready() {
        return view.get().recovered() && loopThread.isAlive();
    }

    /** How often the loop failed and was rebuilt since start. */
    public long loopRestarts() {
        return (long) loopRestarts.count();
    }

    private void observe(BackendObservation observation) {
        loop.observe(observation);
    }

    /**
     * Runs the dispatch loop until close. A loop that fails (the broker unreachable past the clients' timeouts, a
     * transaction that can no longer commit) has closed its Kafka clients; a new loop then rebuilds the state from the
     * events topic and reconciles with the backends, exactly as a restarted process would, after a backoff that grows
     * to {@link #MAX_RESTART_BACKOFF}. Nothing recorded is lost: the state only ever comes from committed events.
     */
    private void superviseLoop() {
        int failuresInARow = 0;
        while (true) {
            DispatchLoop current = loop;
            long startedAt = System.nanoTime();
            current.run();
            Optional<Throwable> failure = current.failure();
            if (failure.isEmpty() || closed.get()) {
                return;
            }
            lastFailure = failure.get();
            // A loop that ran a while before failing starts the backoff over.
            failuresInARow = System.nanoTime() - startedAt > MAX_RESTART_BACKOFF.toNanos() ? 1 : failuresInARow + 1;
            Duration backoff = FIRST_RESTART_BACKOFF.multipliedBy(1L << Math.min(10, failuresInARow - 1));
            if (backoff.compareTo(MAX_RESTART_BACKOFF) > 0) {
                backoff = MAX_RESTART_BACKOFF;
            }
            loopRestarts.increment();
            LOG.warn("The dispatch loop failed ({}); rebuilding it from {} in {} ms (restart {})",
                    failure.get().toString(), settings.eventsTopic(), backoff.toMillis(), (long) loopRestarts.count());
            try {
                if (closing.await(backoff.toMillis(), TimeUnit.MILLISECONDS)) {
                    return;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            synchronized (loopLock) {
                if (closed.get()) {
                    return;
                }
                loop = newLoop.get();
            }
        }
    }

    public DispatchSettings settings() {
        return settings;
    }

    /**
     * Blocks until the dispatcher stops: it is closed, or its loop ended without being asked to; true in the latter
     * case. A loop that fails is rebuilt rather than ended, so today that means only a close.
     */
    public boolean awaitTermination() throws InterruptedException {
        loopThread.join();
        return !closed.get();
    }

    /**
     * Graceful stop: no new placements, submits in flight answered and recorded (bounded by the shutdown timeout),
     * the last transaction committed, then clients, monitors and the management endpoint closed.
     */
    @Override
    public void close() {
        stop(false);
    }

    /**
     * Stops like a crash (tests, demo): nothing more is recorded, open work stays as the event log has it. The next
     * instance with the same transactional id fences this one and reconciles.
     */
    public void kill() {
        stop(true);
    }

    private void stop(boolean abrupt) {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        DispatchLoop current;
        synchronized (loopLock) {
            current = loop; // no new loop replaces it from here on
        }
        closing.countDown();
        if (abrupt) {
            current.kill();
        } else {
            current.requestStop();
        }
        monitors.forEach(BackendMonitor::close);
        try {
            if (!current.awaitFinished(settings.shutdownTimeout().plusSeconds(10))) {
                LOG.warn("The dispatch loop did not stop in time; interrupting it");
                loopThread.interrupt();
            }
            loopThread.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        calls.shutdownNow();
        clients.values().forEach(client -> {
            try {
                client.close();
            } catch (RuntimeException e) {
                LOG.debug("Closing backend client {}: {}", client.name(), e.toString());
            }
        });
        management.close();
        LOG.info("Dispatcher {}", abrupt ? "killed" : "stopped");
    }
}
