package dev.clipstream.fleet.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.clipstream.fleet.auth.FleetTokens;
import dev.clipstream.fleet.metadata.Anomaly;
import dev.clipstream.fleet.metadata.MetadataSettings;
import dev.clipstream.fleet.sim.FleetListener;
import dev.clipstream.fleet.sim.FleetSettings;
import dev.clipstream.fleet.sim.FleetSimulation;
import dev.clipstream.fleet.sim.FleetSummary;
import dev.clipstream.fleet.upload.ClipOutcome;
import dev.clipstream.fleet.upload.RetryPolicy;
import dev.clipstream.ingest.IngestService;
import dev.clipstream.ingest.IngestSettings;
import dev.clipstream.ingest.auth.VehicleTokens;
import dev.clipstream.schemas.avro.ClipUploaded;
import dev.clipstream.schemas.serde.SerdeSettings;
import dev.clipstream.schemas.topic.TopicBootstrap;
import dev.clipstream.schemas.topic.TopicCatalog;
import dev.clipstream.testkit.TestStack;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code clipstream push} against the real ingest service, broker and registry: every clip lands on clips.uploaded
 * exactly once, a rerun (journal or not) adds no event, and ingest's rate limit (429 + Retry-After) is ridden out.
 */
class FleetIngestIT {

    private static final String SECRET = "it-fleet-secret";
    private static TestStack stack;
    private static TopicCatalog catalog;

    @TempDir
    Path dir;

    @BeforeAll
    static void topics() {
        stack = TestStack.shared();
        catalog = TopicCatalog.create(new SerdeSettings(stack.schemaRegistryUrl(), false));
        new TopicBootstrap(stack.admin()).ensureTopics(catalog);
        TopicBootstrap.registerSchemas(catalog);
    }

    private IngestService ingest(IngestSettings settings) {
        IngestService service = IngestService.start(settings, catalog);
        await().atMost(Duration.ofSeconds(60)).until(service::acceptingUploads);
        return service;
    }

    private IngestSettings settings(int vehicles) throws Exception {
        Path tokensFile = dir.resolve("tokens.properties");
        new FleetTokens(SECRET).writeTokensFile(FleetTokens.vehicleIds(vehicles), tokensFile);
        return IngestSettings.defaults(stack.bootstrapServers(), dir.resolve("blobs"),
                VehicleTokens.readFile(tokensFile));
    }

    private static FleetSettings fleet(IngestService ingest, int vehicles, int clips, long seed) {
        return FleetSettings.of(ingest.baseUri(), vehicles, clips, SECRET)
                .withClipBytes(20_000, 200_000)
                .withConcurrency(4)
                .withMetadata(new MetadataSettings(seed, MetadataSettings.DEFAULT_FLEET_START, 0.2, 0.2))
                .withRetry(new RetryPolicy(10, Duration.ofMillis(50), Duration.ofSeconds(2), Duration.ofSeconds(10)));
    }

    @Test
    void everyClipIsOnTheTopicExactlyOnceAcrossReruns() throws Exception {
        Path journal = dir.resolve("push.journal");
        try (IngestService ingest = ingest(settings(4))) {
            FleetSettings settings = fleet(ingest, 4, 5, 1001).withJournal(journal);

            FleetSummary first = FleetSimulation.run(settings, FleetListener.NONE);
            FleetSummary resumed = FleetSimulation.run(settings, FleetListener.NONE);
            FleetSummary withoutJournal = FleetSimulation.run(settings.withJournal(null), FleetListener.NONE);

            assertThat(first.failures()).isEmpty();
            assertThat(first.createdClipIds()).hasSize(20);
            // Ingest takes the deliberately implausible and unattested clips: rejecting them is labeling's job.
            assertThat(first.outcomes()).extracting(ClipOutcome::anomaly)
                    .anyMatch(Anomaly::implausible).anyMatch(Anomaly::privacy);
            assertThat(resumed.outcomes()).extracting(ClipOutcome::status)
                    .containsOnly(ClipOutcome.Status.ACCEPTED_EARLIER);
            assertThat(withoutJournal.outcomes()).extracting(ClipOutcome::status)
                    .containsOnly(ClipOutcome.Status.ALREADY_ACCEPTED);

            Map<UUID, List<ClipUploaded>> events = eventsFor(Set.copyOf(first.acceptedClipIds()));
            assertThat(events).hasSize(20);
            events.forEach((clipId, list) -> assertThat(list).as("events of clip " + clipId).hasSize(1));
            Map<UUID, ClipOutcome> outcomes = first.outcomes().stream()
                    .collect(Collectors.toMap(ClipOutcome::clipId, o -> o));
            for (List<ClipUploaded> list : events.values()) {
                ClipUploaded event = list.get(0);
                ClipOutcome outcome = outcomes.get(UUID.fromString(event.getClipId().toString()));
                assertThat(event.getVehicleId().toString()).isEqualTo(outcome.vehicleId());
                assertThat(event.getByteSize()).isEqualTo(outcome.result().bytes());
                assertThat(event.getBlobUri().toString()).isEqualTo(outcome.result().blobUri())
                        .endsWith(event.getSha256().toString());
                assertThat(event.getByteSize()).isBetween(20_000L, 200_000L);
            }
            assertThat(Files.readAllLines(journal)).filteredOn(l -> l.startsWith("ACCEPTED")).hasSize(20);
        }
    }

    @Test
    void aRateLimitedVehicleRetriesAfterRetryAfterAndGetsEveryClipIn() throws Exception {
        try (IngestService ingest = ingest(settings(1).withRateLimit(1.0, 1))) {
            FleetSummary summary = FleetSimulation.run(fleet(ingest, 1, 3, 2002).withConcurrency(3),
                    FleetListener.NONE);

            assertThat(summary.failures()).isEmpty();
            assertThat(summary.createdClipIds()).hasSize(3);
            assertThat(summary.totals().retries()).isPositive();
            assertThat(summary.totals().errorsByKind()).containsKey("429 rate-limited");
            // Three clips at one per second with Retry-After honoured cannot take less than about two seconds.
            assertThat(summary.totals().elapsed()).isGreaterThanOrEqualTo(Duration.ofMillis(1900));
            assertThat(eventsFor(Set.copyOf(summary.createdClipIds())).values()).allMatch(list -> list.size() == 1);
        }
    }

    /** Every event on clips.uploaded up to its current end whose clip id is one of these. */
    private static Map<UUID, List<ClipUploaded>> eventsFor(Set<UUID> clipIds) {
        Map<String, Object> config = Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        Map<UUID, List<ClipUploaded>> events = new HashMap<>();
        String topic = catalog.clipsUploaded().name();
        try (KafkaConsumer<String, ClipUploaded> consumer = new KafkaConsumer<>(config,
                catalog.clipsUploaded().keySerde().deserializer(), catalog.clipsUploaded().valueSerde().deserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                for (ConsumerRecord<String, ClipUploaded> record : consumer.poll(Duration.ofMillis(200))) {
                    UUID clipId = UUID.fromString(record.value().getClipId().toString());
                    if (clipIds.contains(clipId)) {
                        assertThat(record.key()).isEqualTo(record.value().getVehicleId().toString());
                        events.computeIfAbsent(clipId, id -> new ArrayList<>()).add(record.value());
                    }
                }
                return partitions.stream().allMatch(p -> consumer.position(p) >= end.get(p));
            });
        }
        return events;
    }
}
