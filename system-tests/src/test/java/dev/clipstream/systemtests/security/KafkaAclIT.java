package dev.clipstream.systemtests.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.clipstream.cli.bench.ClipUploadedGenerator;
import dev.clipstream.cli.security.SecureProvisioning;
import dev.clipstream.cli.security.ServiceCredentials;
import dev.clipstream.devstack.DevStack;
import dev.clipstream.devstack.DevStackOptions;
import dev.clipstream.devstack.kafka.KafkaSecurity;
import dev.clipstream.ingest.events.KafkaEventPublisher;
import dev.clipstream.labeling.app.LabelingApp;
import dev.clipstream.labeling.app.LabelingRuntime;
import dev.clipstream.labeling.campaign.SeedCampaigns;
import dev.clipstream.labeling.config.LabelingSettings;
import dev.clipstream.labeling.label.SimulatedLabeler;
import dev.clipstream.runtime.config.ConfigDefinition;
import dev.clipstream.runtime.config.ConfigLoader;
import dev.clipstream.runtime.config.EffectiveConfig;
import dev.clipstream.runtime.config.PlatformSettings;
import dev.clipstream.runtime.management.ManagementSettings;
import dev.clipstream.schemas.acl.KafkaAcls;
import dev.clipstream.schemas.acl.ServiceRole;
import dev.clipstream.schemas.avro.Campaign;
import dev.clipstream.schemas.avro.ClipRejected;
import dev.clipstream.schemas.avro.ClipUploaded;
import dev.clipstream.schemas.avro.LabeledClip;
import dev.clipstream.schemas.avro.RejectReason;
import dev.clipstream.schemas.avro.TriggerRule;
import dev.clipstream.schemas.serde.SerdeSettings;
import dev.clipstream.schemas.topic.TopicBootstrap;
import dev.clipstream.schemas.topic.TopicCatalog;
import dev.clipstream.schemas.topic.TopicSpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.errors.ClusterAuthorizationException;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.TransactionalIdAuthorizationException;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A secured devstack (SASL/SCRAM-SHA-512, StandardAuthorizer, ACLs from {@link KafkaAcls}): every service principal
 * can do its job and nothing else; wrong passwords and unauthenticated clients get nowhere. The clients log in with
 * the config a service would build: its credentials file ({@link ServiceCredentials}, what {@code clipstream
 * devstack --secure} writes) loaded through the runtime's config loader, then the Kafka client pass-through map.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class KafkaAclIT {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaAclIT.class);
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    /**
     * Labeling's start (two rebalances while Streams creates its internal topics, then 24 stateful tasks opening
     * RocksDB one after another) took 20-33 s to RUNNING with the machine at load 8-11; 20 clips through its four
     * hops (commit interval 1 s) then took 7-16 s. The bounds leave about four times that.
     */
    private static final Duration LABELING_START = Duration.ofSeconds(120);
    private static final Duration LABELING_PROCESSING = Duration.ofSeconds(60);
    /** Not the Confluent magic byte 0: the labeling check below counts only Avro records. */
    private static final byte[] RAW = "raw-record".getBytes(StandardCharsets.UTF_8);

    /** The spec, written out independently of KafkaAcls: what each service must be able to write and read. */
    private static final Map<ServiceRole, Set<String>> WRITES = new EnumMap<>(Map.of(
            ServiceRole.INGEST, Set.of("clips.uploaded"),
            ServiceRole.LABELING, Set.of("clips.labeled", "clips.review", "clips.rejected", "training.batches",
                    "clipstream.dead-letter"),
            ServiceRole.DISPATCH, Set.of("dispatch.events", "clipstream.dead-letter"),
            ServiceRole.BACKENDS, Set.of("backend.status"),
            ServiceRole.LAG, Set.of(),
            ServiceRole.REPLAY, Set.of("training.batches", "datasets")));
    private static final Map<ServiceRole, Set<String>> READS = new EnumMap<>(Map.of(
            ServiceRole.INGEST, Set.of("clips.uploaded"),
            ServiceRole.LABELING, Set.of("clips.uploaded", "campaigns"),
            ServiceRole.DISPATCH, Set.of("training.batches", "dispatch.events"),
            ServiceRole.BACKENDS, Set.of(),
            ServiceRole.LAG, Set.of("clips.uploaded", "training.batches"),
            ServiceRole.REPLAY, Set.of("training.batches", "datasets")));

    @TempDir
    Path tempDir;

    private DevStack stack;
    private KafkaSecurity security;
    private TopicCatalog catalog;
    private Admin admin;

    @BeforeAll
    void startSecuredStack() throws Exception {
        stack = DevStack.start(DevStackOptions.defaults().withSecurity(SecureProvisioning.generatedSecurity()));
        security = stack.security().orElseThrow();
        catalog = TopicCatalog.create(new SerdeSettings(stack.schemaRegistryUrl(), false));
        admin = Admin.create(SecureProvisioning.adminClientConfig(stack));
        new TopicBootstrap(admin).ensureTopics(catalog);
        TopicBootstrap.registerSchemas(catalog);
        KafkaAcls.ApplyResult applied = KafkaAcls.of(catalog).apply(admin, TIMEOUT);
        assertThat(applied.created()).hasSize(KafkaAcls.of(catalog).bindings().size());
        // One record in every topic, so that an allowed read has something to return. On 'campaigns' it is a real
        // campaign, published as admin (as an operator does): labeling's global campaigns table copies that topic
        // byte for byte when it starts, so a raw record there would be read back by every campaign match and send
        // every clip to the dead-letter topic instead: only clips rejected before the match were left to count.
        try (KafkaProducer<byte[], byte[]> producer = producer(withBootstrap(security.adminClientConfig()))) {
            for (TopicSpec<?, ?> topic : catalog.all()) {
                byte[] value = topic.name().equals(catalog.campaigns().name()) ? campaignBytes() : RAW;
                producer.send(new ProducerRecord<>(topic.name(), 0, RAW, value)).get(30, TimeUnit.SECONDS);
            }
        }
    }

    @AfterAll
    void stopStack() {
        if (admin != null) {
            admin.close();
        }
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void eachServiceWritesAndReadsExactlyTheTopicsOfItsRole() throws Exception {
        List<String> wrong = new ArrayList<>();
        for (ServiceRole role : ServiceRole.values()) {
            Map<String, Object> producerConfig = serviceClientConfig(role, ConfigDefinition.KAFKA_PRODUCER);
            // Not idempotent here: lag writes nowhere, so it may not even get a producer id.
            producerConfig.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
            try (KafkaProducer<byte[], byte[]> producer = producer(producerConfig);
                 KafkaConsumer<byte[], byte[]> consumer = consumer(serviceClientConfig(role,
                         ConfigDefinition.KAFKA_CONSUMER))) {
                for (TopicSpec<?, ?> topic : catalog.all()) {
                    boolean wrote = canWrite(producer, topic.name());
                    if (wrote != WRITES.get(role).contains(topic.name())) {
                        wrong.add(role + (wrote ? " CAN" : " can NOT") + " write " + topic.name());
                    }
                    boolean read = canRead(consumer, topic.name());
                    if (read != READS.get(role).contains(topic.name())) {
                        wrong.add(role + (read ? " CAN" : " can NOT") + " read " + topic.name());
                    }
                }
            }
        }
        assertThat(wrong).as("topic access that differs from the roles").isEmpty();
    }

    @Test
    void labelingRunsExactlyOnceWithItsOwnPrincipalOnClipsIngestPublishes() throws Exception {
        int clips = 20;
        Set<String> published = new HashSet<>();
        try (KafkaEventPublisher ingest = new KafkaEventPublisher(stack.bootstrapServers(),
                catalog.clipsUploaded().name(), catalog.clipsUploaded().keySerde().serializer(),
                catalog.clipsUploaded().valueSerde().serializer(), Duration.ofSeconds(20),
                serviceConfig(ServiceRole.INGEST).passThrough(ConfigDefinition.KAFKA_PRODUCER))) {
            for (ClipUploaded clip : new ClipUploadedGenerator(42).next(clips)) {
                ingest.publish(clip);
                published.add(clip.getClipId().toString());
            }
        }
        Map<String, String> streams = new HashMap<>(serviceConfig(ServiceRole.LABELING)
                .passThrough(ConfigDefinition.KAFKA_STREAMS));
        // Its own state dir: with the default one (/tmp/kafka-streams/<application.id>) the outcome depended on
        // state other runs of the same application id had left there (their duplicate stores).
        streams.put(StreamsConfig.STATE_DIR_CONFIG, tempDir.resolve("labeling-state").toString());
        LabelingRuntime runtime = new LabelingRuntime(stack.bootstrapServers(),
                LabelingRuntime.DEFAULT_APPLICATION_ID, ManagementSettings.of("labeling", "127.0.0.1", 0), streams,
                false, Duration.ofSeconds(20));
        long start = System.nanoTime();
        try (LabelingApp labeling = LabelingApp.start(LabelingSettings.defaults(), catalog, runtime,
                new SimulatedLabeler())) {
            await("labeling RUNNING under its own principal").atMost(LABELING_START)
                    .until(labeling::state, state -> state == KafkaStreams.State.RUNNING);
            long running = System.nanoTime();
            await("every published clip labeled or rejected").atMost(LABELING_PROCESSING)
                    .pollInterval(Duration.ofSeconds(1))
                    .untilAsserted(() -> assertThat(accountedClipIds())
                            .as("clips on clips.labeled or clips.rejected (clips on the dead-letter topic: %d)",
                                    avroRecordsAsAdmin(catalog.deadLetter().name()))
                            .containsAll(published));
            LOG.info("Labeling under SASL: RUNNING after {} ms, all {} clips labeled or rejected {} ms later",
                    (running - start) / 1_000_000, clips, (System.nanoTime() - running) / 1_000_000);

            // Exactly once: no clip twice on an output, none on the dead-letter topic (only the raw test records).
            // The 20 clips are new to this cluster, so a DUPLICATE rejection could only come from foreign state.
            List<String> labeled = labeledClips().stream().map(clip -> clip.getClip().getClipId().toString())
                    .toList();
            List<ClipRejected> rejected = rejections();
            assertThat(labeled).as("clips.labeled").doesNotHaveDuplicates().isNotEmpty();
            assertThat(rejected).as("clips.rejected").extracting(rejection -> rejection.getClip().getClipId()
                    .toString()).doesNotHaveDuplicates();
            assertThat(rejected).as("rejections").extracting(ClipRejected::getReason)
                    .doesNotContain(RejectReason.DUPLICATE);
            assertThat(avroRecordsAsAdmin(catalog.deadLetter().name())).as("clips on the dead-letter topic")
                    .isZero();
            assertThat(labeling.state()).isEqualTo(KafkaStreams.State.RUNNING);
            // Its changelog/repartition topics were created by the labeling principal, under its prefix only.
            assertThat(admin.listTopics().names().get()).anyMatch(name -> name.startsWith("clipstream-labeling-"));
            assertThat(admin.listConsumerGroupOffsets("clipstream-labeling").partitionsToOffsetAndMetadata().get())
                    .isNotEmpty();
        }
    }

    @Test
    void dispatchCommitsItsTransactionButNotWithAnotherGroupOrTransactionalId() throws Exception {
        Map<String, Object> consumerConfig = serviceClientConfig(ServiceRole.DISPATCH, ConfigDefinition.KAFKA_CONSUMER);
        consumerConfig.put(ConsumerConfig.GROUP_ID_CONFIG, "clipstream-dispatch");
        consumerConfig.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        consumerConfig.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        Map<String, Object> producerConfig = serviceClientConfig(ServiceRole.DISPATCH, ConfigDefinition.KAFKA_PRODUCER);
        producerConfig.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "clipstream-dispatch");
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(consumerConfig);
             KafkaProducer<byte[], byte[]> producer = producer(producerConfig)) {
            consumer.subscribe(List.of(catalog.trainingBatches().name()));
            ConsumerRecords<byte[], byte[]> batches = pollUntilRecords(consumer);
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(catalog.dispatchEvents().name(), RAW, RAW));
            Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
            for (ConsumerRecord<byte[], byte[]> record : batches) {
                offsets.put(new TopicPartition(record.topic(), record.partition()),
                        new OffsetAndMetadata(record.offset() + 1));
            }
            producer.sendOffsetsToTransaction(offsets, consumer.groupMetadata());
            producer.commitTransaction();
        }
        assertThat(admin.listConsumerGroupOffsets("clipstream-dispatch").partitionsToOffsetAndMetadata().get())
                .isNotEmpty();

        Map<String, Object> foreignTransaction = serviceClientConfig(ServiceRole.DISPATCH,
                ConfigDefinition.KAFKA_PRODUCER);
        foreignTransaction.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "clipstream-labeling-x-1");
        foreignTransaction.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 15_000);
        try (KafkaProducer<byte[], byte[]> producer = producer(foreignTransaction)) {
            assertThatThrownBy(producer::initTransactions).isInstanceOf(TransactionalIdAuthorizationException.class);
        }
        Map<String, Object> foreignGroup = serviceClientConfig(ServiceRole.DISPATCH, ConfigDefinition.KAFKA_CONSUMER);
        foreignGroup.put(ConsumerConfig.GROUP_ID_CONFIG, "clipstream-labeling");
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(foreignGroup)) {
            consumer.subscribe(List.of(catalog.trainingBatches().name()));
            assertThatThrownBy(() -> pollUntilRecords(consumer)).isInstanceOf(GroupAuthorizationException.class);
        }
    }

    @Test
    void replayWritesTransactionallyUnderItsOwnTransactionalIdPrefixOnly() {
        Map<String, Object> config = serviceClientConfig(ServiceRole.REPLAY, ConfigDefinition.KAFKA_PRODUCER);
        config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "clipstream-replay-lane-change@v1");
        try (KafkaProducer<byte[], byte[]> producer = producer(config)) {
            producer.initTransactions();
            producer.beginTransaction();
            producer.send(new ProducerRecord<>(catalog.trainingBatches().name(), RAW, RAW));
            producer.commitTransaction();
        }
        config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "clipstream-dispatch");
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 15_000);
        try (KafkaProducer<byte[], byte[]> producer = producer(config)) {
            assertThatThrownBy(producer::initTransactions).isInstanceOf(TransactionalIdAuthorizationException.class);
        }
    }

    @Test
    void lagDescribesThePipelineGroupsOnly() throws Exception {
        try (Admin lag = Admin.create(serviceClientConfig(ServiceRole.LAG, ConfigDefinition.KAFKA_ADMIN))) {
            lag.listConsumerGroupOffsets("clipstream-dispatch").partitionsToOffsetAndMetadata().get();
            assertThatThrownBy(() -> lag.listConsumerGroupOffsets("someone-elses-group")
                    .partitionsToOffsetAndMetadata().get())
                    .hasCauseInstanceOf(GroupAuthorizationException.class);
        }
    }

    @Test
    void noServiceMayCreateTopicsOrGrantItselfMore() {
        for (ServiceRole role : ServiceRole.values()) {
            try (Admin service = Admin.create(serviceClientConfig(role, ConfigDefinition.KAFKA_ADMIN))) {
                assertThatThrownBy(() -> service.createTopics(List.of(new NewTopic("rogue-" + role.userName(), 1,
                        (short) 1))).all().get()).as(role.toString())
                        .hasCauseInstanceOf(TopicAuthorizationException.class);
                AclBinding grab = new AclBinding(new ResourcePattern(ResourceType.TOPIC, "*", PatternType.LITERAL),
                        new AccessControlEntry(role.principal(), "*", AclOperation.ALL, AclPermissionType.ALLOW));
                assertThatThrownBy(() -> service.createAcls(List.of(grab)).all().get()).as(role.toString())
                        .hasCauseInstanceOf(ClusterAuthorizationException.class);
            }
        }
    }

    @Test
    void aWrongPasswordAndAnUnknownUserAreRefused() {
        for (Map<String, Object> login : List.of(KafkaSecurity.clientConfig("clipstream-ingest", "not-the-password"),
                KafkaSecurity.clientConfig("mallory", security.passwordOf("clipstream-ingest")))) {
            Map<String, Object> config = withBootstrap(login);
            try (Admin intruder = Admin.create(config)) {
                assertThatThrownBy(() -> intruder.describeCluster().nodes().get(20, TimeUnit.SECONDS))
                        .hasCauseInstanceOf(SaslAuthenticationException.class);
            }
            try (KafkaProducer<byte[], byte[]> producer = producer(config)) {
                assertThatThrownBy(() -> producer.send(new ProducerRecord<>("clips.uploaded", RAW, RAW))
                        .get(20, TimeUnit.SECONDS)).hasCauseInstanceOf(SaslAuthenticationException.class);
            }
        }
    }

    @Test
    void anUnauthenticatedPlaintextClientGetsNothing() {
        Map<String, Object> config = new HashMap<>(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                stack.bootstrapServers(), AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 3_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 6_000));
        try (Admin plaintext = Admin.create(config)) {
            assertThatThrownBy(() -> plaintext.listTopics().names().get(20, TimeUnit.SECONDS))
                    .isInstanceOf(ExecutionException.class)
                    .hasCauseInstanceOf(org.apache.kafka.common.errors.TimeoutException.class);
        }
    }

    @Test
    void applyRemovesAGrantAddedByHandAndTheBrokerEnforcesIt() throws Exception {
        AclBinding tooMuch = new AclBinding(
                new ResourcePattern(ResourceType.TOPIC, "dispatch.events", PatternType.LITERAL),
                new AccessControlEntry(ServiceRole.LABELING.principal(), "*", AclOperation.WRITE,
                        AclPermissionType.ALLOW));
        admin.createAcls(List.of(tooMuch)).all().get();
        Map<String, Object> config = serviceClientConfig(ServiceRole.LABELING, ConfigDefinition.KAFKA_PRODUCER);
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
        try (KafkaProducer<byte[], byte[]> producer = producer(config)) {
            await().atMost(TIMEOUT).until(() -> canWrite(producer, "dispatch.events"));
        }

        KafkaAcls.ApplyResult result = KafkaAcls.of(catalog).apply(admin, TIMEOUT);

        assertThat(result.deleted()).containsExactly(tooMuch);
        assertThat(result.created()).isEmpty();
        try (KafkaProducer<byte[], byte[]> producer = producer(config)) {
            await().atMost(TIMEOUT).until(() -> !canWrite(producer, "dispatch.events"));
        }
    }

    // --- helpers ---

    /** The service's effective config, loaded from the credentials file devstack --secure writes for it. */
    private EffectiveConfig serviceConfig(ServiceRole role) {
        Path dir = tempDir.resolve("credentials");
        new ServiceCredentials(security, stack.bootstrapServers()).writeFiles(dir);
        ConfigDefinition definition = ConfigDefinition.builder()
                .defineAll(PlatformSettings.configKeys())
                .passThrough(ConfigDefinition.KAFKA_PRODUCER)
                .passThrough(ConfigDefinition.KAFKA_CONSUMER)
                .passThrough(ConfigDefinition.KAFKA_STREAMS)
                .passThrough(ConfigDefinition.KAFKA_ADMIN)
                .build();
        return new ConfigLoader(definition, Map.of("CLIPSTREAM_SCHEMA_REGISTRY_URL", stack.schemaRegistryUrl()))
                .load(null, dir.resolve(ServiceCredentials.fileName(role)));
    }

    private Map<String, Object> serviceClientConfig(ServiceRole role, String prefix) {
        EffectiveConfig config = serviceConfig(role);
        assertThat(config.passThrough(prefix)).containsEntry("sasl.mechanism", "SCRAM-SHA-512");
        return withBootstrap(config.passThrough(prefix));
    }

    private Map<String, Object> withBootstrap(Map<String, ?> login) {
        Map<String, Object> config = new HashMap<>(login);
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
        config.putIfAbsent(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        config.putIfAbsent(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 20_000);
        return config;
    }

    private static KafkaProducer<byte[], byte[]> producer(Map<String, Object> config) {
        Map<String, Object> all = new HashMap<>(config);
        all.remove(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG);
        all.remove(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG);
        all.putIfAbsent(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        all.putIfAbsent(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 15_000);
        all.putIfAbsent(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        return new KafkaProducer<>(all, new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static KafkaConsumer<byte[], byte[]> consumer(Map<String, Object> config) {
        Map<String, Object> all = new HashMap<>(config);
        all.putIfAbsent(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        return new KafkaConsumer<>(all, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /** True if the broker acknowledged a record; false if it refused with TopicAuthorizationException. */
    private static boolean canWrite(KafkaProducer<byte[], byte[]> producer, String topic) throws Exception {
        try {
            producer.send(new ProducerRecord<>(topic, 0, RAW, RAW)).get(20, TimeUnit.SECONDS);
            return true;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof TopicAuthorizationException) {
                return false;
            }
            throw e;
        }
    }

    /** True if a group-less fetch of partition 0 returned records; false on TopicAuthorizationException. */
    private static boolean canRead(KafkaConsumer<byte[], byte[]> consumer, String topic) {
        TopicPartition partition = new TopicPartition(topic, 0);
        consumer.assign(List.of(partition));
        consumer.seekToBeginning(List.of(partition));
        try {
            return !pollUntilRecords(consumer).isEmpty();
        } catch (TopicAuthorizationException e) {
            return false;
        } finally {
            consumer.unsubscribe();
        }
    }

    private static ConsumerRecords<byte[], byte[]> pollUntilRecords(KafkaConsumer<byte[], byte[]> consumer) {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            ConsumerRecords<byte[], byte[]> records = consumer.poll(Duration.ofMillis(500));
            if (!records.isEmpty()) {
                return records;
            }
        }
        throw new AssertionError("No records within " + TIMEOUT + " from " + consumer.assignment());
    }

    /** An active campaign that takes every clip (empty trigger rule), Avro-encoded with the catalog's serde. */
    private byte[] campaignBytes() {
        Campaign everyClip = Campaign.newBuilder(SeedCampaigns.all(Instant.now()).get(0))
                .setCampaignId("acl-it-every-clip").setTrigger(TriggerRule.newBuilder().build()).build();
        return catalog.campaigns().valueSerde().serializer().serialize(catalog.campaigns().name(), everyClip);
    }

    /** Clip ids on clips.labeled and clips.rejected together. */
    private Set<String> accountedClipIds() throws Exception {
        Set<String> ids = new HashSet<>();
        labeledClips().forEach(clip -> ids.add(clip.getClip().getClipId().toString()));
        rejections().forEach(rejection -> ids.add(rejection.getClip().getClipId().toString()));
        return ids;
    }

    /** The Avro records on clips.labeled, read as admin, read_committed (the raw test record skipped). */
    private List<LabeledClip> labeledClips() throws Exception {
        TopicSpec<String, LabeledClip> topic = catalog.clipsLabeled();
        return avroValuesAsAdmin(topic.name()).stream()
                .map(value -> topic.valueSerde().deserializer().deserialize(topic.name(), value)).toList();
    }

    private List<ClipRejected> rejections() throws Exception {
        TopicSpec<String, ClipRejected> topic = catalog.clipsRejected();
        return avroValuesAsAdmin(topic.name()).stream()
                .map(value -> topic.valueSerde().deserializer().deserialize(topic.name(), value)).toList();
    }

    private long avroRecordsAsAdmin(String topic) throws Exception {
        return avroValuesAsAdmin(topic).size();
    }

    /** Values in the topic that carry the Confluent wire format (magic byte 0), read as admin, read_committed. */
    private List<byte[]> avroValuesAsAdmin(String topic) throws Exception {
        Map<String, Object> config = withBootstrap(security.adminClientConfig());
        config.remove(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(config)) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            List<byte[]> values = new ArrayList<>();
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("Could not read " + topic + " to its end offsets " + end + " in "
                            + TIMEOUT);
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.value() != null && record.value().length > 5 && record.value()[0] == 0) {
                        values.add(record.value());
                    }
                }
            }
            return values;
        }
    }
}
