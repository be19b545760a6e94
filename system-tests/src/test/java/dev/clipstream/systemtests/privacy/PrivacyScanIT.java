package dev.clipstream.systemtests.privacy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clipstream.cli.pipeline.LocalPipeline;
import dev.clipstream.cli.pipeline.PipelineOptions;
import dev.clipstream.cli.pipeline.PipelineService;
import dev.clipstream.fleet.auth.FleetTokens;
import dev.clipstream.fleet.clip.ClipSpec;
import dev.clipstream.fleet.clip.Mp4Clip;
import dev.clipstream.fleet.metadata.ClipMetadata;
import dev.clipstream.fleet.metadata.MetadataCodec;
import dev.clipstream.fleet.metadata.MetadataGenerator;
import dev.clipstream.fleet.metadata.MetadataSettings;
import dev.clipstream.labeling.config.LabelingConfig;
import dev.clipstream.schemas.topic.TopicCatalog;
import dev.clipstream.testkit.TestStack;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * No raw VIN, precise GPS position or token ever appears in a topic or a log line. Clips carrying known VINs (in an
 * unknown metadata field, in a header, in a string field, as the vehicle id), precise coordinates (6 decimals) and
 * the vehicles' bearer tokens (in the Authorization header, in a query string, a wrong one) go through the real
 * pipeline (ingest, labeling, dispatch and the simulated backends in this JVM on the test Kafka); then every record
 * of every topic (raw bytes and decoded) and every log line of the run is searched. A second test plants one of
 * each in a topic and a log line and shows the same scanner finds them.
 */
class PrivacyScanIT {

    private static final String FLEET_SECRET = "privacy-scan-fleet-secret-" + UUID.randomUUID();
    private static final List<String> VINS = List.of("1HGCM82633A004352", "WVWZZZ1JZXW000001", "5YJ3E1EA7KF317000");
    /** Precise positions as a vehicle's GPS gives them: 6 decimals, about 10 cm. */
    private static final double[][] POSITIONS = {{37.774929, -122.419416}, {52.520008, 13.404954},
            {48.856613, 2.352222}, {35.689487, 139.691706}};
    private static final int VEHICLES = 4;
    private static final String PLANT_TOPIC_PREFIX = "privacy-plant";
    private static final int CLIPS_PER_VEHICLE = 2;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @Test
    void noVinPrecisePositionOrTokenReachesATopicOrALogLine() throws Exception {
        long started = System.nanoTime();
        TestStack stack = TestStack.shared();
        FleetTokens tokens = new FleetTokens(FLEET_SECRET);
        List<String> secrets = new ArrayList<>(List.of(FLEET_SECRET, "wrong-" + tokens.token("veh-00001")));
        for (String vehicle : FleetTokens.vehicleIds(VEHICLES)) {
            secrets.add(tokens.token(vehicle));
        }
        PrivacyScanner scanner = new PrivacyScanner(VINS, coordinates(), secrets);
        Set<String> accepted = new HashSet<>();
        List<String> lines;
        TopicCatalog catalog;
        try (CapturedLogs logs = new CapturedLogs()) {
            try (LocalPipeline pipeline = LocalPipeline.start(PipelineOptions.defaults(stack.bootstrapServers(),
                            stack.schemaRegistryUrl(), null)
                    .withFleetSecret(FLEET_SECRET)
                    .withVehicles(VEHICLES)
                    .withSeed(9)
                    .withConfig(PipelineService.LABELING, LabelingConfig.BATCH_MAX_AGE, "2s"))) {
                catalog = pipeline.catalog();
                URI ingest = pipeline.ingestUri();
                MetadataGenerator generator = new MetadataGenerator(new MetadataSettings(9,
                        MetadataSettings.DEFAULT_FLEET_START, 0, 0));
                int position = 0;
                for (int vehicle = 1; vehicle <= VEHICLES; vehicle++) {
                    String vehicleId = FleetTokens.vehicleId(vehicle);
                    for (int clip = 0; clip < CLIPS_PER_VEHICLE; clip++) {
                        double[] at = POSITIONS[position++ % POSITIONS.length];
                        Upload upload = upload(generator, vehicle, clip, at, VINS.get(clip % VINS.size()));
                        UUID clipId = UUID.randomUUID();
                        String query = clip == 1 ? "?access_token=" + tokens.token(vehicleId) : "";
                        HttpResponse<String> response = put(ingest, vehicleId, clipId + query,
                                tokens.token(vehicleId), upload, VINS.get(2));
                        assertThat(response.statusCode()).as("clip %d of %s: %s", clip, vehicleId, response.body())
                                .isEqualTo(201);
                        accepted.add(clipId.toString());
                    }
                }
                // Refused on the way in: a VIN in a string field, a VIN as the vehicle id, a wrong token.
                Upload withVinTrigger = upload(generator, 1, 10, POSITIONS[0], VINS.get(1));
                ObjectNode trigger = (ObjectNode) JSON.readTree(withVinTrigger.metadataJson());
                trigger.put("triggerId", "brake " + VINS.get(0));
                Upload vinTrigger = new Upload(withVinTrigger.body(), withVinTrigger.sha256(),
                        JSON.writeValueAsString(trigger));
                assertThat(put(ingest, "veh-00001", UUID.randomUUID().toString(), tokens.token("veh-00001"),
                        vinTrigger, null).statusCode()).isEqualTo(400);
                assertThat(put(ingest, VINS.get(1), UUID.randomUUID().toString(), tokens.token("veh-00001"),
                        withVinTrigger, null).statusCode()).isEqualTo(400);
                assertThat(put(ingest, "veh-00002", UUID.randomUUID().toString(), secrets.get(1), withVinTrigger,
                        null).statusCode()).isEqualTo(401);

                // Every accepted clip went through labeling (labeled, sent to review or rejected with a reason).
                await("labeling accounts for every accepted clip").atMost(Duration.ofSeconds(60))
                        .pollInterval(Duration.ofSeconds(1))
                        .until(() -> labeledOrRejected(stack.bootstrapServers(), catalog).containsAll(accepted));
            }
            lines = logs.lines();
        }

        // Every topic, except those the planting test fills with personal data on purpose.
        List<String> topics = stack.admin().listTopics().names().get().stream()
                .filter(name -> !name.startsWith(PLANT_TOPIC_PREFIX)).sorted().toList();
        PrivacyScanner.TopicScan scan = scanner.scanTopics(stack.bootstrapServers(), catalog, topics);
        List<PrivacyScanner.Hit> logHits = scanner.scanLines(lines);
        LoggerFactory.getLogger(PrivacyScanIT.class).info("Privacy scan: {} records in {} topics, {} log lines; "
                        + "{} + {} hits; {} ms", scan.records(), scan.topics(), lines.size(), scan.hits().size(),
                logHits.size(), (System.nanoTime() - started) / 1_000_000);

        assertThat(scan.records()).as("records scanned").isGreaterThanOrEqualTo(2L * accepted.size());
        assertThat(lines).as("log lines captured").isNotEmpty();
        assertThat(scan.hits()).as("personal data in topics").isEmpty();
        assertThat(logHits).as("personal data in log lines").isEmpty();
    }

    @Test
    void theScannerFindsAPlantedVinPositionAndToken() throws Exception {
        TestStack stack = TestStack.shared();
        String topic = stack.uniqueTopic(PLANT_TOPIC_PREFIX);
        stack.admin().createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
        String token = new FleetTokens(FLEET_SECRET).token("veh-00003");
        PrivacyScanner scanner = new PrivacyScanner(VINS, coordinates(), List.of(token));
        double planted = POSITIONS[1][0];
        byte[] avroLikeDouble = java.nio.ByteBuffer.allocate(8).order(java.nio.ByteOrder.LITTLE_ENDIAN)
                .putDouble(planted).array();
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(java.util.Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers()), new ByteArraySerializer(),
                new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, "k".getBytes(StandardCharsets.UTF_8),
                    ("{\"vin\":\"" + VINS.get(0).toLowerCase(Locale.ROOT) + "\"}").getBytes(StandardCharsets.UTF_8)))
                    .get();
            producer.send(new ProducerRecord<>(topic, null, avroLikeDouble)).get();
        }
        List<String> lines;
        try (CapturedLogs logs = new CapturedLogs()) {
            LoggerFactory.getLogger("dev.clipstream.privacy.plant").debug("Authorization: Bearer {}", token);
            lines = logs.lines();
        }

        PrivacyScanner.TopicScan scan = scanner.scanTopics(stack.bootstrapServers(),
                TopicCatalog.create(new dev.clipstream.schemas.serde.SerdeSettings(stack.schemaRegistryUrl(), false)),
                List.of(topic));
        assertThat(scan.hits()).extracting(PrivacyScanner.Hit::needle)
                .containsExactlyInAnyOrder("VIN " + VINS.get(0), "coordinate " + planted + " (double, little-endian)");
        assertThat(scanner.scanLines(lines)).extracting(PrivacyScanner.Hit::needle).hasSize(1)
                .allMatch(needle -> needle.startsWith("secret "));
        stack.admin().deleteTopics(List.of(topic)).all().get();
    }

    private static List<String> coordinates() {
        List<String> texts = new ArrayList<>();
        for (double[] position : POSITIONS) {
            texts.add(Double.toString(position[0]));
            texts.add(Double.toString(position[1]));
        }
        return texts;
    }

    private record Upload(byte[] body, String sha256, String metadataJson) {
    }

    /** A plausible clip (fleet's generator) whose metadata has a precise box at {@code at} and a VIN field. */
    private static Upload upload(MetadataGenerator generator, int vehicle, int clip, double[] at, String vin)
            throws IOException {
        long size = 100_000;
        ClipMetadata meta = generator.generate(vehicle, clip, size).metadata();
        ClipSpec spec = new ClipSpec(size, meta.durationMillis(), meta.resolution().width(),
                meta.resolution().height(), meta.framesPerSecond(), meta.codec().equals("H265"), meta.captureStart(),
                vehicle * 1000L + clip);
        Mp4Clip mp4 = new Mp4Clip(spec);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        mp4.writeTo(bytes);
        ObjectNode json = MetadataCodec.toJson(meta);
        ObjectNode location = json.putObject("location");
        location.put("minLatitude", at[0]);
        location.put("minLongitude", at[1]);
        location.put("maxLatitude", at[0]);
        location.put("maxLongitude", at[1]);
        json.put("vin", vin);
        json.putObject("vehicle").put("vin", vin).put("gps", at[0] + "," + at[1]);
        return new Upload(bytes.toByteArray(), mp4.sha256(), JSON.writeValueAsString(json));
    }

    private static HttpResponse<String> put(URI ingest, String vehicleId, String clipIdAndQuery, String token,
                                            Upload upload, String vinHeader) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(ingest.resolve("/v1/vehicles/" + vehicleId + "/clips/"
                        + clipIdAndQuery))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "video/mp4")
                .header("Clip-Sha256", upload.sha256())
                .header("Clip-Metadata", Base64.getUrlEncoder().withoutPadding()
                        .encodeToString(upload.metadataJson().getBytes(StandardCharsets.UTF_8)))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(upload.body()));
        if (vinHeader != null) {
            request.header("X-Vehicle-Vin", vinHeader);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Clip ids on clips.labeled, clips.review and clips.rejected (UUID text in the raw Avro values). */
    private static Set<String> labeledOrRejected(String bootstrapServers, TopicCatalog catalog) {
        Set<String> ids = new HashSet<>();
        java.util.regex.Pattern uuid = java.util.regex.Pattern.compile(
                "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
        java.util.Properties config = new java.util.Properties();
        config.put(org.apache.kafka.clients.consumer.ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        try (var consumer = new org.apache.kafka.clients.consumer.KafkaConsumer<byte[], byte[]>(config,
                new org.apache.kafka.common.serialization.ByteArrayDeserializer(),
                new org.apache.kafka.common.serialization.ByteArrayDeserializer())) {
            for (String topic : List.of(catalog.clipsLabeled().name(), catalog.clipsReview().name(),
                    catalog.clipsRejected().name())) {
                var partitions = consumer.partitionsFor(topic).stream()
                        .map(info -> new org.apache.kafka.common.TopicPartition(topic, info.partition())).toList();
                consumer.assign(partitions);
                consumer.seekToBeginning(partitions);
                var ends = consumer.endOffsets(partitions);
                while (partitions.stream().anyMatch(p -> consumer.position(p) < ends.get(p))) {
                    for (var record : consumer.poll(Duration.ofMillis(500))) {
                        var matcher = uuid.matcher(new String(record.value(), StandardCharsets.ISO_8859_1));
                        while (matcher.find()) {
                            ids.add(matcher.group());
                        }
                    }
                }
            }
        }
        return ids;
    }
}
