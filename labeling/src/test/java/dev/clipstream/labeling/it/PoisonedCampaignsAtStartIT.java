package dev.clipstream.labeling.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.clipstream.labeling.app.LabelingApp;
import dev.clipstream.labeling.app.LabelingRuntime;
import dev.clipstream.labeling.campaign.CampaignAdmin;
import dev.clipstream.labeling.config.BatchLimits;
import dev.clipstream.labeling.config.LabelingSettings;
import dev.clipstream.labeling.label.SimulatedLabeler;
import dev.clipstream.schemas.avro.BatchClip;
import dev.clipstream.schemas.avro.Campaign;
import dev.clipstream.schemas.avro.CampaignStatus;
import dev.clipstream.schemas.avro.ClipUploaded;
import dev.clipstream.schemas.avro.TrainingBatch;
import dev.clipstream.schemas.avro.TriggerRule;
import dev.clipstream.schemas.fixture.SampleRecords;
import dev.clipstream.schemas.serde.SerdeSettings;
import dev.clipstream.schemas.topic.DeadLetterRecords;
import dev.clipstream.schemas.topic.TopicBootstrap;
import dev.clipstream.schemas.topic.TopicCatalog;
import dev.clipstream.testkit.TestStack;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Poison pills that are already on the campaigns topic when labeling starts (e.g. dead-lettered during an earlier run):
 * the global campaigns store is filled from the topic at every start, and they must not get into it. Clips still
 * match the valid campaign and are batched, none is dead-lettered, each pill is dead-lettered as read at start, and
 * the app stays RUNNING.
 */
class PoisonedCampaignsAtStartIT {

    private static final int CLIPS = 10;

    @Test
    @Timeout(value = 8, unit = TimeUnit.MINUTES)
    void poisonPillsOnTheCampaignsTopicAtStartDoNotStopClipsFromMatching() throws Exception {
        TestStack stack = TestStack.shared();
        TopicCatalog catalog = TopicCatalog.create(new SerdeSettings(stack.schemaRegistryUrl(), true));
        new TopicBootstrap(stack.admin()).ensureTopics(catalog);
        String run = Long.toString(System.nanoTime(), 36);
        // A trigger of this run only, so the campaign takes no clip of another test on the shared stack.
        String trigger = "poisoned-campaigns-it-" + run;
        String campaignId = "poisoned-campaigns-it-" + run;
        byte[] garbage = ("raw campaign bytes " + run).getBytes(StandardCharsets.UTF_8);
        byte[] unknownSchemaId = ByteBuffer.allocate(13).put((byte) 0).putInt(0x7ffffff0).put(run.getBytes(
                StandardCharsets.UTF_8), 0, Math.min(8, run.length())).array();

        try (KafkaProducer<byte[], byte[]> raw = producer(stack, new ByteArraySerializer(), new ByteArraySerializer());
             KafkaProducer<String, Campaign> campaigns = producer(stack, new StringSerializer(),
                     catalog.campaigns().valueSerde().serializer())) {
            raw.send(new ProducerRecord<>(catalog.campaigns().name(), ("garbage-" + run).getBytes(StandardCharsets.UTF_8),
                    garbage)).get();
            raw.send(new ProducerRecord<>(catalog.campaigns().name(),
                    ("unknown-schema-" + run).getBytes(StandardCharsets.UTF_8), unknownSchemaId)).get();
            campaigns.send(new ProducerRecord<>(catalog.campaigns().name(), campaignId, campaign(campaignId, trigger)))
                    .get();
        }

        String applicationId = "labeling-poisoned-campaigns-it-" + run;
        LabelingSettings settings = LabelingSettings.defaults()
                .withBatch(new BatchLimits(5, Long.MAX_VALUE, Duration.ofSeconds(3), Duration.ofMillis(500)));
        LabelingRuntime runtime = LabelingRuntime.inProcess(stack.bootstrapServers()).withApplicationId(applicationId);
        try (LabelingApp app = LabelingApp.start(settings, catalog, runtime, new SimulatedLabeler())) {
            await().atMost(Duration.ofSeconds(90)).until(() -> app.state() == KafkaStreams.State.RUNNING);

            Set<String> clipIds = new HashSet<>();
            try (KafkaProducer<String, ClipUploaded> producer = producer(stack, new StringSerializer(),
                    catalog.clipsUploaded().valueSerde().serializer())) {
                for (int n = 0; n < CLIPS; n++) {
                    ClipUploaded clip = clip(run, n, trigger);
                    clipIds.add(clip.getClipId().toString());
                    producer.send(new ProducerRecord<>(catalog.clipsUploaded().name(), clip.getVehicleId(), clip));
                }
            }

            Set<String> batched = new HashSet<>();
            try (KafkaConsumer<String, TrainingBatch> batches = consumer(stack, catalog.trainingBatches().name(),
                    new StringDeserializer(), catalog.trainingBatches().valueSerde().deserializer())) {
                await("all clips batched for " + campaignId).atMost(Duration.ofMinutes(3))
                        .pollInterval(Duration.ofMillis(200)).until(() -> {
                            for (ConsumerRecord<String, TrainingBatch> batch : batches.poll(Duration.ofMillis(200))) {
                                if (batch.value().getCampaignId().equals(campaignId)) {
                                    for (BatchClip clip : batch.value().getClips()) {
                                        batched.add(clip.getClip().getClipId().toString());
                                    }
                                }
                            }
                            return batched.containsAll(clipIds);
                        });
            }
            assertThat(batched).containsExactlyInAnyOrderElementsOf(clipIds);
            assertThat(app.state()).isEqualTo(KafkaStreams.State.RUNNING);

            List<ConsumerRecord<byte[], byte[]>> deadLetters = new ArrayList<>();
            try (KafkaConsumer<byte[], byte[]> dlq = consumer(stack, catalog.deadLetter().name(),
                    new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
                await("both pills dead-lettered").atMost(Duration.ofSeconds(60)).until(() -> {
                    dlq.poll(Duration.ofMillis(200)).forEach(deadLetters::add);
                    return deadLetters.stream().anyMatch(r -> Arrays.equals(r.value(), garbage))
                            && deadLetters.stream().anyMatch(r -> Arrays.equals(r.value(), unknownSchemaId));
                });
                // Read to the end: any clip of this app that failed (in label-and-match) would be here too.
                for (int i = 0; i < 5; i++) {
                    dlq.poll(Duration.ofMillis(200)).forEach(deadLetters::add);
                }
            }
            assertThat(deadLetters).filteredOn(r -> Arrays.equals(r.value(), garbage))
                    .allSatisfy(r -> assertThat(header(r, DeadLetterRecords.SOURCE_TOPIC))
                            .isEqualTo(catalog.campaigns().name()));
            assertThat(deadLetters).extracting(r -> header(r, DeadLetterRecords.SOURCE_TOPIC))
                    .as("dead letters of this app's own topics (clips that failed)")
                    .noneMatch(topic -> topic != null && topic.startsWith(applicationId));
        } finally {
            try (KafkaProducer<String, Campaign> campaigns = producer(stack, new StringSerializer(),
                    catalog.campaigns().valueSerde().serializer())) {
                campaigns.send(new ProducerRecord<>(catalog.campaigns().name(), campaignId, null)).get();
            }
        }
    }

    @Test
    @Timeout(value = 3, unit = TimeUnit.MINUTES)
    void theCampaignCommandsReadPastAPoisonPill() throws Exception {
        TestStack stack = TestStack.shared();
        TopicCatalog catalog = TopicCatalog.create(new SerdeSettings(stack.schemaRegistryUrl(), true));
        new TopicBootstrap(stack.admin()).ensureTopics(catalog);
        String run = Long.toString(System.nanoTime(), 36);
        String campaignId = "after-a-pill-" + run;
        try (KafkaProducer<byte[], byte[]> raw = producer(stack, new ByteArraySerializer(), new ByteArraySerializer());
             KafkaProducer<String, Campaign> campaigns = producer(stack, new StringSerializer(),
                     catalog.campaigns().valueSerde().serializer())) {
            raw.send(new ProducerRecord<>(catalog.campaigns().name(), ("pill-" + run).getBytes(StandardCharsets.UTF_8),
                    ("not a campaign " + run).getBytes(StandardCharsets.UTF_8))).get();
            campaigns.send(new ProducerRecord<>(catalog.campaigns().name(), campaignId,
                    campaign(campaignId, "trigger-of-" + run))).get();
        }
        try {
            // What 'clipstream campaign list' and 'close' read.
            assertThat(new CampaignAdmin(catalog, stack.bootstrapServers()).campaigns()).containsKey(campaignId);
        } finally {
            try (KafkaProducer<String, Campaign> campaigns = producer(stack, new StringSerializer(),
                    catalog.campaigns().valueSerde().serializer())) {
                campaigns.send(new ProducerRecord<>(catalog.campaigns().name(), campaignId, null)).get();
            }
        }
    }

    private static Campaign campaign(String id, String trigger) {
        return Campaign.newBuilder()
                .setCampaignId(id).setName(id).setDescription("campaign next to poison pills")
                .setTrigger(TriggerRule.newBuilder().setTriggerIds(List.of(trigger)).build())
                .setTargetClipCount(1_000).setPriority(0).setStatus(CampaignStatus.ACTIVE)
                .setCreatedAt(Instant.now()).setExpiresAt(null).build();
    }

    private static ClipUploaded clip(String run, int n, String trigger) {
        String sha = HexFormat.of().formatHex(ByteBuffer.allocate(32).putLong(System.nanoTime()).putInt(n)
                .put(run.getBytes(StandardCharsets.UTF_8), 0, Math.min(20, run.length())).array());
        return ClipUploaded.newBuilder(SampleRecords.clipUploaded())
                .setClipId(UUID.nameUUIDFromBytes((run + "-" + n).getBytes(StandardCharsets.UTF_8)))
                .setVehicleId("veh-" + String.format("%05d", n % 3))
                .setSha256(sha)
                .setBlobUri("blob://clips/sha256/" + sha.substring(0, 2) + "/" + sha)
                .setTriggerId(trigger)
                .setCampaignIds(List.of())
                .setUploadedAt(Instant.now())
                .build();
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }

    private static <K, V> KafkaProducer<K, V> producer(TestStack stack, Serializer<K> keys, Serializer<V> values) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        return new KafkaProducer<>(props, keys, values);
    }

    private static <K, V> KafkaConsumer<K, V> consumer(TestStack stack, String topic, Deserializer<K> keys,
                                                       Deserializer<V> values) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "poisoned-campaigns-it-check-" + UUID.randomUUID());
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        KafkaConsumer<K, V> consumer = new KafkaConsumer<>(props, keys, values);
        consumer.subscribe(List.of(topic));
        return consumer;
    }
}
