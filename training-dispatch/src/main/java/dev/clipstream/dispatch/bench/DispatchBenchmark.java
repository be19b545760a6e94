package dev.clipstream.dispatch.bench;

import dev.clipstream.backends.api.BackendStatusView;
import dev.clipstream.backends.api.JobView;
import dev.clipstream.backends.api.TrainingBackendClient;
import dev.clipstream.backends.sim.SimulatedBackendServer;
import dev.clipstream.backends.sim.SimulatedBackendSettings;
import dev.clipstream.dispatch.app.DispatchSettings;
import dev.clipstream.dispatch.app.DispatcherApp;
import dev.clipstream.dispatch.policy.PolicySettings;
import dev.clipstream.runtime.management.ManagementSettings;
import dev.clipstream.schemas.avro.BatchOrigin;
import dev.clipstream.schemas.avro.TrainingBatch;
import dev.clipstream.schemas.serde.SerdeSettings;
import dev.clipstream.schemas.topic.TopicCatalog;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Set;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * One round of the dispatch benchmark: fresh topics, fresh simulated Dojo and Nvidia backends on a fast clock and a
 * fresh dispatcher; a stream of batches faster than the backends can train them; meanwhile the backends' busy and
 * available capacity is sampled. Reports utilisation of the available capacity while batches wait, and the time from
 * a batch's publication to the start of its (first) job, both in real time.
 */
public final class DispatchBenchmark {

    /**
     * @param publishFor      how long batches are published
     * @param batchesPerSecond publication rate; above the backends' throughput it saturates them
     * @param videoSeconds    seconds of video per batch (the job size)
     * @param timeScale       simulated seconds per real second
     * @param maxWait         the policy's max-wait for both priority classes
     * @param backendPoll     the dispatcher's backend poll interval
     * @param holdAhead       the dispatcher's dispatch.policy.hold-ahead
     */
    public record Options(Duration publishFor, double batchesPerSecond, double videoSeconds, double timeScale,
                          Duration maxWait, Duration backendPoll, int holdAhead) {
    }

    /**
     * @param utilisation   busy units / available units (capacity of backends that are up), summed over the samples
     *                      taken while at least one batch waited in the dispatcher
     * @param steadyUtilisation the same, counted only from the first sample in which all available capacity was busy
     *                          (leaves out the ramp-up from idle backends at the start of a round)
     * @param waitingSamples samples that counted
     */
    public record RoundResult(double utilisation, double steadyUtilisation, long waitingSamples, double p50Millis,
                              double p99Millis, long started, long published, double dojoShare) {
    }

    private static final Duration SAMPLE_INTERVAL = Duration.ofMillis(50);
    private static final Duration DRAIN_LIMIT = Duration.ofSeconds(90);

    private final String bootstrapServers;
    private final String registryUrl;
    private final Options options;

    public DispatchBenchmark(String bootstrapServers, String registryUrl, Options options) {
        this.bootstrapServers = bootstrapServers;
        this.registryUrl = registryUrl;
        this.options = options;
    }

    public RoundResult runRound(int round, PrintWriter out) throws Exception {
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        String batchesTopic = "bench.training.batches-" + suffix;
        String eventsTopic = "bench.dispatch.events-" + suffix;
        TopicCatalog catalog = TopicCatalog.create(new SerdeSettings(registryUrl, true));
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            admin.createTopics(List.of(new NewTopic(batchesTopic, 3, (short) 1), new NewTopic(eventsTopic, 3, (short) 1)))
                    .all().get(30, TimeUnit.SECONDS);
            try (SimulatedBackendServer dojo = SimulatedBackendServer.start(SimulatedBackendSettings.dojoDefaults()
                         .withPort(0).withTimeScale(options.timeScale()).withSeed(round));
                 SimulatedBackendServer nvidia = SimulatedBackendServer.start(SimulatedBackendSettings.nvidiaDefaults()
                         .withPort(0).withTimeScale(options.timeScale()).withSeed(round))) {
                return measure(catalog, batchesTopic, eventsTopic, dojo, nvidia, out);
            } finally {
                admin.deleteTopics(List.of(batchesTopic, eventsTopic));
            }
        }
    }

    private RoundResult measure(TopicCatalog catalog, String batchesTopic, String eventsTopic,
                                SimulatedBackendServer dojo, SimulatedBackendServer nvidia, PrintWriter out)
            throws Exception {
        String id = "bench-dispatch-" + UUID.randomUUID();
        DispatchSettings settings = new DispatchSettings(
                PolicySettings.uniform(List.of("dojo", "nvidia"), options.maxWait()), Duration.ofMillis(50),
                options.backendPoll(), Duration.ofSeconds(10), Duration.ofMillis(500), Duration.ofSeconds(10), id, id,
                batchesTopic, eventsTopic, 36, Duration.ofSeconds(10), options.holdAhead(),
                ManagementSettings.of(DispatchSettings.SERVICE_NAME, "127.0.0.1", 0), Map.of(), Map.of());
        Map<String, TrainingBackendClient> clients = new LinkedHashMap<>();
        clients.put("dojo", dojo.client(Duration.ofSeconds(2)));
        clients.put("nvidia", nvidia.client(Duration.ofSeconds(2)));
        Map<String, Long> publishedAt = new ConcurrentHashMap<>();
        try (DispatcherApp app = DispatcherApp.start(settings, catalog, bootstrapServers, clients)) {
            awaitReady(app);
            Thread publisher = new Thread(() -> publish(catalog, batchesTopic, publishedAt), "bench-publisher");
            publisher.start();
            double busy = 0;
            double available = 0;
            double steadyBusy = 0;
            double steadyAvailable = 0;
            boolean steady = false;
            long samples = 0;
            long deadline = System.nanoTime() + options.publishFor().plus(DRAIN_LIMIT).toNanos();
            while (System.nanoTime() < deadline) {
                LockSupport.parkNanos(SAMPLE_INTERVAL.toNanos());
                boolean publishing = publisher.isAlive();
                // Waiting, seen from outside the dispatcher: published, and no backend has a job for it yet.
                Set<String> submitted = new HashSet<>();
                double sampleBusy = 0;
                double sampleAvailable = 0;
                for (SimulatedBackendServer server : List.of(dojo, nvidia)) {
                    BackendStatusView status = server.simulator().status();
                    server.simulator().jobs().forEach(job -> submitted.add(job.batchId()));
                    if (status.up()) {
                        sampleBusy += status.capacityUnits() - status.freeUnits();
                        sampleAvailable += status.capacityUnits();
                    }
                }
                long waiting = publishedAt.keySet().stream().filter(batchId -> !submitted.contains(batchId)).count();
                if (!publishing && waiting == 0) {
                    break;
                }
                if (waiting > 0) {
                    busy += sampleBusy;
                    available += sampleAvailable;
                    samples++;
                    steady |= sampleAvailable > 0 && sampleBusy >= sampleAvailable;
                    if (steady) {
                        steadyBusy += sampleBusy;
                        steadyAvailable += sampleAvailable;
                    }
                }
            }
            publisher.join();
            Histogram latency = new Histogram(3_600_000L, 3);
            Map<String, Instant> firstStart = new HashMap<>();
            Map<String, String> startedOn = new HashMap<>();
            for (SimulatedBackendServer server : List.of(dojo, nvidia)) {
                SimToWall clock = new SimToWall(server);
                for (JobView job : server.simulator().jobs()) {
                    if (job.startedAt() == null) {
                        continue;
                    }
                    Instant wall = clock.wall(job.startedAt());
                    Instant previous = firstStart.get(job.batchId());
                    if (previous == null || wall.isBefore(previous)) {
                        firstStart.put(job.batchId(), wall);
                        startedOn.put(job.batchId(), job.backend());
                    }
                }
            }
            firstStart.forEach((batchId, wall) -> {
                Long published = publishedAt.get(batchId);
                if (published != null) {
                    latency.recordValue(Math.max(0, wall.toEpochMilli() - published));
                }
            });
            long onDojo = startedOn.values().stream().filter("dojo"::equals).count();
            RoundResult result = new RoundResult(available > 0 ? busy / available : 0,
                    steadyAvailable > 0 ? steadyBusy / steadyAvailable : 0, samples,
                    latency.getValueAtPercentile(50), latency.getValueAtPercentile(99), latency.getTotalCount(),
                    publishedAt.size(), startedOn.isEmpty() ? 0 : onDojo / (double) startedOn.size());
            out.printf(Locale.ROOT, "  utilisation %.1f%% (after ramp-up %.1f%%) over %d samples with batches waiting; "
                            + "published->started p50 %.0f ms, p99 %.0f ms (%d of %d batches started, %.0f%% of them "
                            + "on dojo)%n",
                    100 * result.utilisation(), 100 * result.steadyUtilisation(), samples, result.p50Millis(), result.p99Millis(), result.started(),
                    result.published(), 100 * result.dojoShare());
            out.flush();
            return result;
        }
    }

    private void publish(TopicCatalog catalog, String topic, Map<String, Long> publishedAt) {
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all", ProducerConfig.LINGER_MS_CONFIG, 0);
        long intervalNanos = (long) (1e9 / options.batchesPerSecond());
        long start = System.nanoTime();
        long end = start + options.publishFor().toNanos();
        try (KafkaProducer<String, TrainingBatch> producer = new KafkaProducer<>(config,
                catalog.trainingBatches().keySerde().serializer(), catalog.trainingBatches().valueSerde().serializer())) {
            for (long i = 0; ; i++) {
                long due = start + i * intervalNanos;
                if (due >= end) {
                    break;
                }
                LockSupport.parkNanos(due - System.nanoTime());
                UUID batchId = UUID.randomUUID();
                BatchOrigin origin = i % 4 == 3 ? BatchOrigin.REPLAY : BatchOrigin.LIVE;
                producer.send(new ProducerRecord<>(topic, batchId.toString(), SyntheticBatches.batch(batchId,
                        "bench", 400, options.videoSeconds(), origin)), (metadata, error) -> {
                            if (error == null) {
                                publishedAt.put(batchId.toString(), metadata.timestamp());
                            }
                        });
            }
            producer.flush();
        }
    }

    private static void awaitReady(DispatcherApp app) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!app.ready()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("The dispatcher did not become ready within 60 s");
            }
            LockSupport.parkNanos(Duration.ofMillis(50).toNanos());
        }
    }

    /** Maps a backend's simulated instants to wall-clock instants, from one reading of both clocks. */
    private static final class SimToWall {
        private final long wallMillis;
        private final Instant sim;
        private final double scale;

        SimToWall(SimulatedBackendServer server) {
            this.wallMillis = System.currentTimeMillis();
            this.sim = server.simulator().clock().now();
            this.scale = server.simulator().clock().timeScale();
        }

        Instant wall(Instant simulated) {
            double simMillisAgo = Duration.between(simulated, sim).toNanos() / 1e6;
            return Instant.ofEpochMilli(wallMillis - Math.round(simMillisAgo / scale));
        }
    }
}
