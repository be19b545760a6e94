package dev.clipstream.labeling.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.clipstream.labeling.app.LabelingApp;
import dev.clipstream.labeling.app.LabelingRuntime;
import dev.clipstream.labeling.config.BatchLimits;
import dev.clipstream.labeling.config.LabelingSettings;
import dev.clipstream.labeling.deadletter.DeadLetters;
import dev.clipstream.labeling.label.SimulatedLabeler;
import dev.clipstream.schemas.avro.BatchClip;
import dev.clipstream.schemas.avro.Campaign;
import dev.clipstream.schemas.avro.CampaignStatus;
import dev.clipstream.schemas.avro.ClipRejected;
import dev.clipstream.schemas.avro.ClipUploaded;
import dev.clipstream.schemas.avro.PrivacyAttestation;
import dev.clipstream.schemas.avro.RejectReason;
import dev.clipstream.schemas.avro.TrainingBatch;
import dev.clipstream.schemas.avro.TriggerRule;
import dev.clipstream.schemas.fixture.SampleRecords;
import dev.clipstream.schemas.serde.SerdeSettings;
import dev.clipstream.schemas.topic.DeadLetterRecords;
import dev.clipstream.schemas.topic.TopicCatalog;
import dev.clipstream.testkit.TestStack;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The real app on the devstack broker and registry: several thousand clips, some of every kind that must be
 * rejected, two overlapping campaigns (one small enough to fill up), and a poison pill. A read_committed
 * consumer then checks that every clip is either batched (at most once per campaign) or rejected once, never
 * both, never missing, with the predicted reason.
 */
class LabelingPipelineIT {

    private static final Logger LOG = LoggerFactory.getLogger(LabelingPipelineIT.class);

    private static final int CLIPS = 3_000;
    private static final String[] TRIGGERS = {"hard-brake-v3", "unprotected-left-turn-v2", "construction-zone-v2",
            "lane-change-abort-v1", "random-sample-v1"};

    @Test
    // Seconds on an idle machine; the shared 2-core machines are often loaded many times over, and then the
    // devstack alone takes two minutes to start.
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    void everyClipIsBatchedOrRejectedExactlyOnce() throws Exception {
        TestStack stack = TestStack.shared();
        TopicCatalog catalog = TopicCatalog.create(new SerdeSettings(stack.schemaRegistryUrl(), true));
        LabelingSettings settings = LabelingSettings.defaults()
                .withBatch(new BatchLimits(50, Long.MAX_VALUE, Duration.ofSeconds(3), Duration.ofMillis(500)));
        String applicationId = "labeling-it-" + UUID.randomUUID();
        LabelingRuntime runtime = LabelingRuntime.inProcess(stack.bootstrapServers()).withApplicationId(applicationId)
                ;

        try (LabelingApp app = LabelingApp.start(settings, catalog, runtime, new SimulatedLabeler())) {
            Map<String, RejectReason> expectedRejections = new HashMap<>();
            List<ClipUploaded> clips = generate(expectedRejections);
            Set<String> clipIds = new HashSet<>();
            clips.forEach(clip -> clipIds.add(clip.getClipId().toString()));

            try (KafkaProducer<String, Campaign> campaigns = producer(stack, catalog.campaigns().valueSerde()
                    .serializer())) {
                campaigns.send(new ProducerRecord<>(catalog.campaigns().name(), "it-most", campaign("it-most",
                        List.of("hard-brake-v3", "unprotected-left-turn-v2", "construction-zone-v2",
                                "lane-change-abort-v1"), 1_000_000)));
                campaigns.send(new ProducerRecord<>(catalog.campaigns().name(), "it-brakes", campaign("it-brakes",
                        List.of("hard-brake-v3"), 100)));
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> app.state() == KafkaStreams.State.RUNNING);

            try (KafkaProducer<byte[], byte[]> raw = producer(stack, new ByteArraySerializer())) {
                raw.send(new ProducerRecord<>(catalog.clipsUploaded().name(), "veh-poison".getBytes(),
                        "definitely not avro".getBytes(StandardCharsets.UTF_8))).get();
            }
            try (KafkaProducer<String, ClipUploaded> producer = producer(stack, catalog.clipsUploaded().valueSerde()
                    .serializer())) {
                for (ClipUploaded clip : clips) {
                    producer.send(new ProducerRecord<>(catalog.clipsUploaded().name(), clip.getVehicleId(), clip));
                }
            }

            Map<String, List<ClipRejected>> rejected = new ConcurrentHashMap<>();
            Map<String, List<String>> batchedIn = new ConcurrentHashMap<>();
            Map<String, Integer> batchesById = new ConcurrentHashMap<>();
            Progress progress = new Progress(clipIds.size());
            try (KafkaConsumer<String, ClipRejected> rejections = consumer(stack, catalog.clipsRejected().name(),
                    catalog.clipsRejected().valueSerde().deserializer());
                 KafkaConsumer<String, TrainingBatch> batches = consumer(stack, catalog.trainingBatches().name(),
                         catalog.trainingBatches().valueSerde().deserializer())) {
                await().atMost(Duration.ofMinutes(6)).pollInterval(Duration.ofMillis(200)).until(() -> {
                    for (ConsumerRecord<String, ClipRejected> r : rejections.poll(Duration.ofMillis(100))) {
                        String id = r.value().getClip().getClipId().toString();
                        if (clipIds.contains(id)) {
                            rejected.computeIfAbsent(id, k -> new ArrayList<>()).add(r.value());
                        }
                    }
                    for (ConsumerRecord<String, TrainingBatch> b : batches.poll(Duration.ofMillis(100))) {
                        batchesById.merge(b.key(), 1, Integer::sum);
                        for (BatchClip clip : b.value().getClips()) {
                            String id = clip.getClip().getClipId().toString();
                            if (clipIds.contains(id)) {
                                batchedIn.computeIfAbsent(id, k -> new ArrayList<>()).add(b.value().getCampaignId());
                            }
                        }
                    }
                    Set<String> accounted = new HashSet<>(rejected.keySet());
                    accounted.addAll(batchedIn.keySet());
                    accounted.retainAll(clipIds);
                    progress.report(accounted.size());
                    return accounted.size() == clipIds.size();
                });
            }

            assertThat(batchedIn.keySet()).doesNotContainAnyElementsOf(rejected.keySet());
            assertThat(rejected.values()).allSatisfy(list -> assertThat(list).hasSize(1));
            assertThat(batchedIn.values()).allSatisfy(campaignIds -> assertThat(campaignIds).doesNotHaveDuplicates());
            assertThat(batchesById.values()).allSatisfy(count -> assertThat(count).isEqualTo(1));

            Map<String, RejectReason> actualReasons = new HashMap<>();
            rejected.forEach((id, list) -> actualReasons.put(id, list.get(0).getReason()));
            assertThat(actualReasons).containsAllEntriesOf(expectedRejections);
            assertThat(actualReasons.keySet()).containsExactlyInAnyOrderElementsOf(expectedRejections.keySet());
            long brakesBatched = batchedIn.values().stream().filter(c -> c.contains("it-brakes")).count();
            assertThat(brakesBatched).isEqualTo(100);
            assertThat(batchedIn.size() + rejected.size()).isEqualTo(CLIPS);

            assertDeadLetter(stack, catalog);
            assertMetricsAndReadiness(app);
        }
    }

    private static void assertDeadLetter(TestStack stack, TopicCatalog catalog) {
        try (KafkaConsumer<byte[], byte[]> dlq = consumer(stack, catalog.deadLetter().name(),
                new ByteArrayDeserializer())) {
            List<ConsumerRecord<byte[], byte[]>> found = new ArrayList<>();
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                dlq.poll(Duration.ofMillis(200)).forEach(found::add);
                return found.stream().anyMatch(r -> new String(r.value(), StandardCharsets.UTF_8)
                        .equals("definitely not avro"));
            });
            ConsumerRecord<byte[], byte[]> pill = found.stream()
                    .filter(r -> new String(r.value(), StandardCharsets.UTF_8).equals("definitely not avro"))
                    .findFirst().orElseThrow();
            assertThat(new String(pill.headers().lastHeader(DeadLetterRecords.SOURCE_TOPIC).value(), StandardCharsets.UTF_8))
                    .isEqualTo(catalog.clipsUploaded().name());
            assertThat(pill.headers().lastHeader(DeadLetterRecords.SOURCE_OFFSET)).isNotNull();
            assertThat(new String(pill.headers().lastHeader(DeadLetterRecords.ERROR_CLASS).value(), StandardCharsets.UTF_8))
                    .contains("UnknownMagicByteException");
        }
    }

    private static void assertMetricsAndReadiness(LabelingApp app) throws Exception {
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<String> ready = http.send(HttpRequest.newBuilder(app.managementUri().resolve("/readyz")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(ready.statusCode()).isEqualTo(200);
        HttpResponse<String> metrics = http.send(HttpRequest.newBuilder(
                URI.create(app.managementUri() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(metrics.body()).contains("clipstream_labeling_rejected_total{reason=\"DUPLICATE\"")
                .contains("clipstream_labeling_batches_closed_total").contains("kafka_stream");
        assertThat(app.metrics().rejectedCount(RejectReason.DUPLICATE)).isGreaterThan(0);
    }

    /** Clips of every kind; the map receives the clips that must be rejected, with their reason. */
    private static List<ClipUploaded> generate(Map<String, RejectReason> expectedRejections) {
        SplittableRandom random = new SplittableRandom(4242);
        String run = Long.toString(System.nanoTime(), 36);
        List<ClipUploaded> clips = new ArrayList<>();
        while (clips.size() < CLIPS) {
            int n = clips.size();
            String sha = HexFormat.of().formatHex(java.nio.ByteBuffer.allocate(32).putLong(random.nextLong())
                    .putLong(random.nextLong()).putLong(n).array());
            String trigger = TRIGGERS[random.nextInt(TRIGGERS.length)];
            ClipUploaded.Builder clip = ClipUploaded.newBuilder(SampleRecords.clipUploaded())
                    .setClipId(UUID.nameUUIDFromBytes((run + "-" + n).getBytes(StandardCharsets.UTF_8)))
                    .setVehicleId("veh-" + String.format("%05d", random.nextInt(300)))
                    .setSha256(sha)
                    .setBlobUri("blob://clips/sha256/" + sha.substring(0, 2) + "/" + sha)
                    .setTriggerId(trigger)
                    .setCampaignIds(List.of())
                    .setByteSize(2_000_000L + random.nextInt(1_000_000))
                    .setUploadedAt(Instant.parse("2026-11-29T01:00:00Z").plusMillis(n));
            int kind = random.nextInt(100);
            RejectReason expected = null;
            if (kind < 3) {
                clip.setDurationMillis(-5);
                expected = RejectReason.IMPLAUSIBLE_METADATA;
            } else if (kind < 7) {
                clip.setPrivacy(kind < 5 ? null : new PrivacyAttestation(true, true, "blur-1999.1"));
                expected = RejectReason.NO_PRIVACY_CLEARANCE;
            } else if (trigger.equals("random-sample-v1")) {
                expected = RejectReason.NO_ACTIVE_CAMPAIGN;
            }
            ClipUploaded built = clip.build();
            clips.add(built);
            if (expected != null) {
                expectedRejections.put(built.getClipId().toString(), expected);
            } else if (kind >= 95 && clips.size() < CLIPS) {
                // A re-sent copy under a new clip id, from the same vehicle (same partition, so after the original).
                ClipUploaded copy = ClipUploaded.newBuilder(built)
                        .setClipId(UUID.nameUUIDFromBytes((run + "-copy-" + n).getBytes(StandardCharsets.UTF_8)))
                        .build();
                clips.add(copy);
                expectedRejections.put(copy.getClipId().toString(), RejectReason.DUPLICATE);
            }
        }
        Map<RejectReason, Integer> counts = new EnumMap<>(RejectReason.class);
        expectedRejections.values().forEach(r -> counts.merge(r, 1, Integer::sum));
        assertThat(counts).containsKeys(RejectReason.IMPLAUSIBLE_METADATA, RejectReason.NO_PRIVACY_CLEARANCE,
                RejectReason.NO_ACTIVE_CAMPAIGN, RejectReason.DUPLICATE);
        return clips;
    }

    /** One log line every few seconds while waiting, so a slow run shows how far it got. */
    private static final class Progress {
        private final int total;
        private long lastReport = System.nanoTime();

        Progress(int total) {
            this.total = total;
        }

        void report(int accounted) {
            if (System.nanoTime() - lastReport > Duration.ofSeconds(5).toNanos()) {
                lastReport = System.nanoTime();
                LOG.info("{} of {} clips accounted for (batched or rejected)", accounted, total);
            }
        }
    }

    private static Campaign campaign(String id, List<String> triggers, int target) {
        return Campaign.newBuilder()
                .setCampaignId(id).setName(id).setDescription("integration test campaign")
                .setTrigger(TriggerRule.newBuilder().setTriggerIds(triggers).build())
                .setTargetClipCount(target).setPriority(0).setStatus(CampaignStatus.ACTIVE)
                .setCreatedAt(Instant.now()).setExpiresAt(null).build();
    }

    private static <V> KafkaProducer<String, V> producer(TestStack stack,
                                                         org.apache.kafka.common.serialization.Serializer<V> values) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        return new KafkaProducer<>(props, new StringSerializer(), values);
    }

    private static KafkaProducer<byte[], byte[]> producer(TestStack stack, ByteArraySerializer bytes) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        return new KafkaProducer<>(props, bytes, bytes);
    }

    private static <V> KafkaConsumer<String, V> consumer(TestStack stack, String topic,
                                                         org.apache.kafka.common.serialization.Deserializer<V> values) {
        KafkaConsumer<String, V> consumer = new KafkaConsumer<>(consumerProps(stack), new StringDeserializer(), values);
        consumer.subscribe(List.of(topic));
        return consumer;
    }

    private static KafkaConsumer<byte[], byte[]> consumer(TestStack stack, String topic, ByteArrayDeserializer bytes) {
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerProps(stack), bytes, bytes);
        consumer.subscribe(List.of(topic));
        return consumer;
    }

    private static Properties consumerProps(TestStack stack) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "labeling-it-check-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        return props;
    }
}
