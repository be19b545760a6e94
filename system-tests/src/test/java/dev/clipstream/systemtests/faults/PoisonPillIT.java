package dev.clipstream.systemtests.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.clipstream.cli.pipeline.LocalPipeline;
import dev.clipstream.cli.pipeline.PipelineOptions;
import dev.clipstream.cli.pipeline.PipelineService;
import dev.clipstream.devstack.DevStack;
import dev.clipstream.devstack.DevStackOptions;
import dev.clipstream.fleet.sim.FleetSummary;
import dev.clipstream.labeling.campaign.CampaignAdmin;
import dev.clipstream.labeling.config.LabelingConfig;
import dev.clipstream.lag.monitor.PipelineGroups;
import dev.clipstream.schemas.avro.Campaign;
import dev.clipstream.schemas.avro.ClipUploaded;
import dev.clipstream.schemas.avro.TrainingBatch;
import dev.clipstream.schemas.serde.OversizeValueException;
import dev.clipstream.schemas.topic.DeadLetterRecords;
import dev.clipstream.schemas.topic.TopicCatalog;
import dev.clipstream.schemas.topic.TopicSpec;
import dev.clipstream.systemtests.harness.ScenarioFigures;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Scenario 4 of issue 9: poison pills on every topic a Clipstream app consumes (clips.uploaded and the campaigns
 * global table: labeling; training.batches: dispatch), four kinds each (see {@link PoisonPills}). Every pill must land
 * on clipstream.dead-letter with its raw value and origin headers; the apps stay healthy and ready, process good
 * records sent after the pills, and their consumer lag returns to zero.
 *
 * <p>The oversize pill (1 MB, the topic's own valid schema, accepted by the broker) is refused by the catalog's
 * deserializer because it is larger than the topic's maximum value size ({@link TopicSpec#maxValueBytes()}), so it is
 * dead-lettered with an {@link OversizeValueException} exactly like the undecodable pills.
 *
 * <p>Services in this JVM (LocalPipeline): nothing is killed here, and a poison pill that stops an app shows as a
 * failed readiness check and a growing lag just the same.
 */
@Timeout(value = 4, unit = TimeUnit.MINUTES)
class PoisonPillIT {

    private static final long SEED = Long.getLong("faults.seed", 4L);
    private static final String AFTER_POISON_CAMPAIGN = "after-poison";

    private static DevStack stack;
    private static LocalPipeline pipeline;
    private static ClusterProbe cluster;

    /** A pill as written: where it landed and what it was. */
    private record Pill(String topic, PoisonPills.Kind kind, int partition, long offset, byte[] value) {
        String origin() {
            return topic + "-" + partition + "@" + offset;
        }
    }

    @BeforeAll
    static void startPipeline() {
        stack = DevStack.start(DevStackOptions.defaults());
        pipeline = LocalPipeline.start(PipelineOptions.defaults(stack.bootstrapServers(), stack.schemaRegistryUrl(), null)
                .withVehicles(4)
                .withSeed(SEED)
                .withConfig(PipelineService.LABELING, LabelingConfig.BATCH_MAX_AGE, "2s"));
        cluster = new ClusterProbe(stack.bootstrapServers());
    }

    @AfterAll
    static void stopPipeline() {
        if (cluster != null) {
            cluster.close();
        }
        if (pipeline != null) {
            pipeline.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void poisonPillsGoToTheDeadLetterTopicAndTheAppsKeepProcessing() throws Exception {
        long started = System.nanoTime();
        TopicCatalog catalog = pipeline.catalog();
        PipelineOptions options = pipeline.options();
        URI ingest = pipeline.ingestUri();

        FleetSummary before = Fleet.upload(ingest, options, 4, 3, SEED);
        assertThat(before.allAccepted()).as("uploads before the pills: %s", before.failures()).isTrue();
        Set<String> beforeIds = ids(before);
        awaitAccountedFor(catalog, beforeIds);
        TrainingBatch sampleBatch = firstBatch(catalog);
        ClipUploaded sampleClip = catalog.clipsUploaded().valueSerde().deserializer()
                .deserialize(catalog.clipsUploaded().name(), cluster.readAll(catalog.clipsUploaded().name()).get(0).value());
        Campaign matchingCampaign = new CampaignAdmin(catalog, stack.bootstrapServers()).campaigns()
                .get(sampleBatch.getCampaignId().toString());

        long injectedAt = System.nanoTime();
        List<Pill> pills = inject(catalog, sampleClip, sampleBatch, matchingCampaign);

        // Good records after the pills: a new campaign, then clips it matches.
        Campaign afterPoison = Campaign.newBuilder(matchingCampaign).setCampaignId(AFTER_POISON_CAMPAIGN)
                .setName("Published after the poison pills").build();
        new CampaignAdmin(catalog, stack.bootstrapServers()).publish(List.of(afterPoison));
        FleetSummary after = Fleet.upload(ingest, options, 4, 3, SEED + 1);
        assertThat(after.allAccepted()).as("uploads after the pills: %s", after.failures()).isTrue();
        Set<String> afterIds = ids(after);

        Map<String, ConsumerRecord<byte[], byte[]>> deadLetters = new LinkedHashMap<>();
        await("every pill on " + catalog.deadLetter().name()).atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                    deadLetters.clear();
                    cluster.readAll(catalog.deadLetter().name()).forEach(r -> deadLetters.put(origin(r), r));
                    assertThat(deadLetters.keySet()).containsAll(pills.stream().map(Pill::origin).toList());
                });
        for (Pill pill : pills) {
            ConsumerRecord<byte[], byte[]> letter = deadLetters.get(pill.origin());
            assertThat(letter.value()).as("raw value of the %s pill on %s", pill.kind(), pill.topic())
                    .isEqualTo(pill.value());
            assertThat(DeadLetterRecords.header(letter.headers(), DeadLetterRecords.ERROR_CLASS))
                    .as("error class of the %s pill on %s", pill.kind(), pill.topic()).isPresent();
            assertThat(DeadLetterRecords.header(letter.headers(), DeadLetterRecords.ERROR_MESSAGE))
                    .as("error message of the %s pill on %s", pill.kind(), pill.topic()).isPresent();
        }
        for (Pill pill : pills.stream().filter(p -> p.kind() == PoisonPills.Kind.OVERSIZE).toList()) {
            ConsumerRecord<byte[], byte[]> letter = deadLetters.get(pill.origin());
            assertThat(DeadLetterRecords.header(letter.headers(), DeadLetterRecords.ERROR_CLASS))
                    .as("error class of the oversize pill on %s", pill.topic())
                    .contains(OversizeValueException.class.getName());
            assertThat(DeadLetterRecords.header(letter.headers(), DeadLetterRecords.ERROR_MESSAGE).orElseThrow())
                    .as("error message of the oversize pill on %s", pill.topic())
                    .contains("'" + pill.topic() + "'").contains(pill.value().length + " bytes")
                    .contains(catalog.byName(pill.topic()).orElseThrow().maxValueBytes().orElseThrow()
                            + " bytes this topic allows");
        }
        assertThat(deadLetters).as("dead letters: exactly the pills").hasSize(pills.size());

        Set<String> batchedAfter = awaitAccountedFor(catalog, afterIds);
        await("a batch of the campaign published after the pills").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofSeconds(1))
                .until(() -> batches(catalog).stream().anyMatch(b -> b.getCampaignId().toString()
                        .equals(AFTER_POISON_CAMPAIGN)));
        await("labeling and dispatch lag back to zero").atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofSeconds(1)).untilAsserted(() -> {
                    assertThat(cluster.recordLag(PipelineGroups.LABELING))
                            .as("labeling lag: %s", cluster.groupLag(PipelineGroups.LABELING)).isZero();
                    assertThat(cluster.recordLag(PipelineGroups.DISPATCH))
                            .as("dispatch lag: %s", cluster.groupLag(PipelineGroups.DISPATCH)).isZero();
                });
        long recoveryMillis = (System.nanoTime() - injectedAt) / 1_000_000;
        for (PipelineService service : List.of(PipelineService.INGEST, PipelineService.LABELING,
                PipelineService.DISPATCH)) {
            URI management = pipeline.managementUris().get(service);
            assertThat(ClusterProbe.httpStatus(management, "/healthz")).as("%s /healthz", service).isEqualTo(200);
            assertThat(ClusterProbe.httpStatus(management, "/readyz")).as("%s /readyz", service).isEqualTo(200);
        }

        Set<String> in = new HashSet<>(beforeIds);
        in.addAll(afterIds);
        ClipAccounting accounting = ClipAccounting.read(cluster, catalog);
        Set<String> out = accounting.out(in);
        Set<String> duplicated = accounting.duplicated(in);
        new ScenarioFigures("4-poison-pills", pills.size() + " pills (garbage, unknown schema id, incompatible "
                + "schema, 1 MB oversize) on clips.uploaded, training.batches, campaigns", in.size(), out.size(),
                in.size() - out.size(), duplicated.size(), Duration.ofMillis(recoveryMillis),
                Duration.ofNanos(System.nanoTime() - started), deadLetters.size() + " dead-lettered (oversize ones "
                + "over their topic's value size limit); recovery = pills written until dead letters, batches after "
                + "them and lag 0").record();
        assertThat(batchedAfter).containsAll(afterIds);
        assertThat(out).as("clips missing").containsAll(in);
        assertThat(duplicated).as("clips batched twice or batched and rejected").isEmpty();
    }

    private List<Pill> inject(TopicCatalog catalog, ClipUploaded clip, TrainingBatch batch, Campaign campaign)
            throws Exception {
        PoisonPills poison = new PoisonPills(SEED);
        List<Pill> pills = new ArrayList<>();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 1_048_576),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            injectAll(producer, poison, catalog, catalog.clipsUploaded(), "veh-00001", ClipUploaded.newBuilder(clip)
                    .build(), ClipUploaded::setFirmwareVersion, pills);
            injectAll(producer, poison, catalog, catalog.trainingBatches(), UUID.randomUUID().toString(),
                    // No clips: a forged batch must not make real clips look batched twice.
                    TrainingBatch.newBuilder(batch).setBatchId(UUID.randomUUID()).setClips(List.of()).build(),
                    TrainingBatch::setDatasetId, pills);
            injectAll(producer, poison, catalog, catalog.campaigns(), "poison-campaign", Campaign.newBuilder(campaign)
                    .setCampaignId("poison-oversize").build(), Campaign::setDescription, pills);
        }
        return pills;
    }

    private static <V extends org.apache.avro.specific.SpecificRecord> void injectAll(
            KafkaProducer<byte[], byte[]> producer, PoisonPills poison, TopicCatalog catalog, TopicSpec<?, V> topic,
            String key, V sample, BiConsumer<V, String> inflate, List<Pill> pills) throws Exception {
        for (PoisonPills.Kind kind : PoisonPills.Kind.values()) {
            byte[] value = switch (kind) {
                case GARBAGE -> poison.garbage();
                case UNKNOWN_SCHEMA_ID -> poison.unknownSchemaId();
                case INCOMPATIBLE_SCHEMA -> poison.incompatibleSchema(catalog.registry(), "faults.intruder-value");
                case OVERSIZE -> poison.oversize(topic, sample, inflate);
            };
            // Compacted topics keep one record per key: every pill gets its own.
            byte[] pillKey = (key + "-" + kind.name().toLowerCase()).getBytes(StandardCharsets.UTF_8);
            RecordMetadata metadata = producer.send(new ProducerRecord<>(topic.name(), pillKey, value))
                    .get(30, TimeUnit.SECONDS);
            pills.add(new Pill(topic.name(), kind, metadata.partition(), metadata.offset(), value));
        }
    }

    private static String origin(ConsumerRecord<byte[], byte[]> letter) {
        return DeadLetterRecords.header(letter.headers(), DeadLetterRecords.SOURCE_TOPIC).orElse("?") + "-"
                + DeadLetterRecords.header(letter.headers(), DeadLetterRecords.SOURCE_PARTITION).orElse("?") + "@"
                + DeadLetterRecords.header(letter.headers(), DeadLetterRecords.SOURCE_OFFSET).orElse("?");
    }

    private static Set<String> ids(FleetSummary summary) {
        Set<String> ids = new HashSet<>();
        summary.acceptedClipIds().forEach(id -> ids.add(id.toString()));
        return ids;
    }

    private static Set<String> awaitAccountedFor(TopicCatalog catalog, Set<String> clipIds) {
        Set<String> seen = new HashSet<>();
        await("clips batched or rejected").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(1))
                .untilAsserted(() -> {
                    seen.clear();
                    seen.addAll(ClipAccounting.read(cluster, catalog).accountedFor());
                    assertThat(seen).containsAll(clipIds);
                });
        return seen;
    }

    private static List<TrainingBatch> batches(TopicCatalog catalog) {
        return ClipAccounting.read(cluster, catalog).batches();
    }

    private static TrainingBatch firstBatch(TopicCatalog catalog) {
        await("a first batch").atMost(Duration.ofSeconds(60)).until(() -> !batches(catalog).isEmpty());
        return batches(catalog).get(0);
    }
}
