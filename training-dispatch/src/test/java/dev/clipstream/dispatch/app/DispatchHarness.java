package dev.clipstream.dispatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clipstream.backends.api.BackendFaults;
import dev.clipstream.backends.api.JobState;
import dev.clipstream.backends.api.JobView;
import dev.clipstream.backends.api.TrainingBackendClient;
import dev.clipstream.backends.sim.SimulatedBackendServer;
import dev.clipstream.backends.sim.SimulatedBackendSettings;
import dev.clipstream.dispatch.bench.SyntheticBatches;
import dev.clipstream.dispatch.policy.PolicySettings;
import dev.clipstream.runtime.management.ManagementSettings;
import dev.clipstream.schemas.avro.BatchOrigin;
import dev.clipstream.schemas.avro.DispatchDecision;
import dev.clipstream.schemas.avro.DispatchEvent;
import dev.clipstream.schemas.avro.TrainingBatch;
import dev.clipstream.schemas.serde.SerdeSettings;
import dev.clipstream.schemas.topic.TopicCatalog;
import dev.clipstream.testkit.TestStack;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import dev.clipstream.devstack.DevStack;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;

/** Devstack topics, two simulated backends on a fast clock, and ways to start dispatchers and read their events. */
final class DispatchHarness implements AutoCloseable {

    /** Simulated seconds per real second: a Dojo job of the test batches runs ~2 s, an Nvidia job ~6 s. */
    static final double TIME_SCALE = 600;

    /** The shared test broker (DispatcherDeadLetterIT writes its own topics there). */
    final TestStack stack = TestStack.shared();
    /** Where the dispatchers and this harness connect: the shared broker, or the test's own devstack. */
    final String bootstrapServers;
    final TopicCatalog catalog;
    final String batchesTopic;
    final String eventsTopic;
    final SimulatedBackendServer dojo;
    final SimulatedBackendServer nvidia;
    final BackendFaults dojoFaults;
    final BackendFaults nvidiaFaults;
    final DispatchSettings settings;
    private final List<DispatcherApp> apps = new ArrayList<>();

    DispatchHarness(long seed) throws Exception {
        this(seed, null);
    }

    /** On {@code own}, a devstack the test started (and may stop), instead of the shared one when not null. */
    DispatchHarness(long seed, DevStack own) throws Exception {
        this(seed, own, true);
    }

    /**
     * As above; without {@code randomFaults} the backends have no seeded outages, preemptions or supply changes,
     * only the faults the test injects (for a test that must know exactly what happened to each job).
     */
    DispatchHarness(long seed, DevStack own, boolean randomFaults) throws Exception {
        bootstrapServers = own != null ? own.bootstrapServers() : stack.bootstrapServers();
        catalog = TopicCatalog.create(new SerdeSettings(own != null ? own.schemaRegistryUrl()
                : stack.schemaRegistryUrl(), true));
        batchesTopic = stack.uniqueTopic("training.batches");
        eventsTopic = stack.uniqueTopic("dispatch.events");
        List<NewTopic> topics = List.of(new NewTopic(batchesTopic, 3, (short) 1), new NewTopic(eventsTopic, 3,
                (short) 1));
        if (own != null) {
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
                admin.createTopics(topics).all().get();
            }
        } else {
            stack.admin().createTopics(topics).all().get();
        }
        SimulatedBackendSettings dojoSettings = SimulatedBackendSettings.dojoDefaults().withPort(0)
                .withTimeScale(TIME_SCALE).withSeed(seed);
        SimulatedBackendSettings nvidiaSettings = SimulatedBackendSettings.nvidiaDefaults().withPort(0)
                .withTimeScale(TIME_SCALE).withSeed(seed);
        dojo = SimulatedBackendServer.start(randomFaults ? dojoSettings : dojoSettings.withoutRandomFaults());
        nvidia = SimulatedBackendServer.start(randomFaults ? nvidiaSettings : nvidiaSettings.withoutRandomFaults());
        dojoFaults = new BackendFaults(dojo.baseUri());
        nvidiaFaults = new BackendFaults(nvidia.baseUri());
        String id = UUID.randomUUID().toString();
        settings = new DispatchSettings(PolicySettings.uniform(List.of("dojo", "nvidia"), Duration.ofSeconds(1)),
                Duration.ofMillis(50), Duration.ofMillis(100), Duration.ofSeconds(3), Duration.ofMillis(200),
                Duration.ofSeconds(2), "dispatch-it-" + id, "dispatch-it-" + id, batchesTopic, eventsTopic, 36,
                Duration.ofSeconds(10), 0, ManagementSettings.of("training-dispatch", "127.0.0.1", 0), Map.of(), Map.of());
    }

    DispatcherApp startDispatcher() {
        return startDispatcher(settings);
    }

    DispatcherApp startDispatcher(DispatchSettings dispatchSettings) {
        Map<String, TrainingBackendClient> clients = new LinkedHashMap<>();
        clients.put("dojo", dojo.client(Duration.ofSeconds(1)));
        clients.put("nvidia", nvidia.client(Duration.ofSeconds(1)));
        DispatcherApp app = DispatcherApp.start(dispatchSettings, catalog, bootstrapServers, clients);
        apps.add(app);
        return app;
    }

    /** Publishes {@code count} batches, every third a REPLAY; returns their ids. */
    List<String> publishBatches(int count) {
        List<String> ids = new ArrayList<>();
        Map<String, Object> config = Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, TrainingBatch> producer = new KafkaProducer<>(config,
                catalog.trainingBatches().keySerde().serializer(), catalog.trainingBatches().valueSerde().serializer())) {
            for (int i = 0; i < count; i++) {
                UUID id = UUID.randomUUID();
                ids.add(id.toString());
                // 2000 s of video at 36 fps: ~1700 simulated seconds on a Dojo job, ~5700 on an Nvidia one.
                producer.send(new ProducerRecord<>(batchesTopic, id.toString(), SyntheticBatches.batch(id,
                        "campaign-" + (i % 4), 200, 2000.0, i % 3 == 2 ? BatchOrigin.REPLAY : BatchOrigin.LIVE)));
            }
            producer.flush();
        }
        return ids;
    }

    /** Every committed event on the events topic, in offset order per partition. */
    List<DispatchEvent> events() {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<DispatchEvent> events = new ArrayList<>();
        try (KafkaConsumer<String, DispatchEvent> consumer = new KafkaConsumer<>(config,
                catalog.dispatchEvents().keySerde().deserializer(), catalog.dispatchEvents().valueSerde().deserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(eventsTopic).stream()
                    .map(p -> new TopicPartition(eventsTopic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = new HashMap<>(consumer.endOffsets(partitions));
            while (!end.isEmpty()) {
                for (ConsumerRecord<String, DispatchEvent> record : consumer.poll(Duration.ofMillis(100))) {
                    events.add(record.value());
                }
                end.entrySet().removeIf(e -> consumer.position(e.getKey()) >= e.getValue());
            }
        }
        return events;
    }

    Map<String, Long> completedCounts() {
        return events().stream().filter(e -> e.getDecision() == DispatchDecision.COMPLETED)
                .collect(Collectors.groupingBy(e -> e.getBatchId().toString(), Collectors.counting()));
    }

    List<JobView> allJobs() {
        List<JobView> jobs = new ArrayList<>(dojo.simulator().jobs());
        jobs.addAll(nvidia.simulator().jobs());
        return jobs;
    }

    /** Exactly-once, from both sides: one COMPLETED event and one SUCCEEDED job (over both backends) per batch. */
    void assertEachCompletedExactlyOnce(List<String> batchIds) {
        Map<String, Long> completed = completedCounts();
        assertThat(completed).as("COMPLETED events per batch").containsOnlyKeys(batchIds);
        assertThat(completed.values()).as("COMPLETED events per batch").allMatch(count -> count == 1);

        List<JobView> jobs = new ArrayList<>();
        try (TrainingBackendClient dojoClient = dojo.client(Duration.ofSeconds(5));
             TrainingBackendClient nvidiaClient = nvidia.client(Duration.ofSeconds(5))) {
            jobs.addAll(dojoClient.jobs()); // GET /v1/jobs: the backends' own records
            jobs.addAll(nvidiaClient.jobs());
        }
        Map<String, Long> succeeded = jobs.stream().filter(job -> job.state() == JobState.SUCCEEDED)
                .collect(Collectors.groupingBy(JobView::batchId, Collectors.counting()));
        assertThat(succeeded).as("SUCCEEDED jobs per batch on the backends").containsOnlyKeys(batchIds);
        assertThat(succeeded.values()).as("SUCCEEDED jobs per batch on the backends").allMatch(count -> count == 1);
        assertThat(jobs).as("no job left queued or running").allMatch(job -> job.state().isFinal());
    }

    @Override
    public void close() {
        apps.forEach(DispatcherApp::close);
        dojo.close();
        nvidia.close();
    }
}
