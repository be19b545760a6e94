package dev.clipstream.cli.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clipstream.schemas.serde.SerdeSettings;
import dev.clipstream.schemas.topic.TopicCatalog;
import dev.clipstream.schemas.topic.TopicSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * docker/compose.yaml, checked without a Docker engine (these machines have none): it parses, every Clipstream
 * service's environment is a valid configuration of that service, the init step creates the catalog's topics with
 * replication factor 3 and min.insync.replicas 2, images are pinned (Kafka's to the client version of the build),
 * every server has a healthcheck on its health port, and no host port is published twice. The second half breaks
 * the real file one way at a time and shows that the matching check reports it.
 */
class ComposeFileTest {

    private static final Path DOCKER_DIR = repositoryRoot().resolve("docker");
    private static final Path COMPOSE_FILE = DOCKER_DIR.resolve("compose.yaml");

    private static String composeText;

    @BeforeAll
    static void readComposeFile() throws IOException {
        composeText = Files.readString(COMPOSE_FILE);
    }

    static Path repositoryRoot() {
        // Surefire runs in the cli module; its parent is the repository.
        return Path.of(System.getProperty("basedir", ".")).toAbsolutePath().normalize().getParent();
    }

    @Test
    void composeFilePassesEveryCheck() {
        assertThat(ComposeChecks.check(composeText, DOCKER_DIR)).as("problems in %s", COMPOSE_FILE).isEmpty();
    }

    @Test
    void composeFileRunsEveryServiceAndAThreeNodeCluster() throws IOException {
        JsonNode services = ComposeChecks.parse(composeText).path("services");
        List<String> names = new ArrayList<>();
        services.fieldNames().forEachRemaining(names::add);
        assertThat(names).contains("kafka-1", "kafka-2", "kafka-3", "schema-registry", "kafka-ui", "topics", "ingest",
                "labeling", "dispatch", "dojo", "nvidia", "lag");
        assertThat(services.path("schema-registry").path("image").asText()).startsWith("confluentinc/cp-schema-registry:");
        assertThat(services.path("kafka-ui").path("image").asText()).startsWith("kafbat/kafka-ui:");
        for (String node : List.of("kafka-1", "kafka-2", "kafka-3")) {
            assertThat(ComposeChecks.environment(services.path(node).path("environment")))
                    .containsEntry("KAFKA_PROCESS_ROLES", "broker,controller")
                    .containsEntry("KAFKA_CONTROLLER_QUORUM_VOTERS", "1@kafka-1:9093,2@kafka-2:9093,3@kafka-3:9093")
                    .containsEntry("KAFKA_MIN_INSYNC_REPLICAS", "2");
        }
    }

    @Test
    void kafkaImageCheckComparesWithTheClientVersionOfTheBuild() throws IOException {
        // The client jar on the class path reports the version the root pom's kafka.version selected.
        String pom = Files.readString(repositoryRoot().resolve("pom.xml"));
        java.util.regex.Matcher kafkaVersion = java.util.regex.Pattern.compile("<kafka.version>([^<]+)</kafka.version>")
                .matcher(pom);
        assertThat(kafkaVersion.find()).as("root pom.xml sets kafka.version").isTrue();

        assertThat(ComposeChecks.kafkaClientVersion()).isEqualTo(kafkaVersion.group(1));
        assertThat(composeText).contains("image: apache/kafka:" + kafkaVersion.group(1));
    }

    static Stream<Arguments> brokenFiles() {
        return Stream.of(
                broken("an unknown ingest key", "does not declare",
                        env("ingest", "CLIPSTREAM_INGEST_BLOB_DIRR", "/var/lib/clipstream/blobs")),
                broken("another service's key given to dispatch", "does not declare",
                        env("dispatch", "CLIPSTREAM_LABELING_BATCH_MAX_CLIPS", "50")),
                broken("a client setting of a client the service does not use", "does not declare",
                        env("ingest", "CLIPSTREAM_KAFKA_STREAMS_NUM_STREAM_THREADS", "2")),
                broken("a value of the wrong type", "not a valid configuration",
                        env("dispatch", "CLIPSTREAM_MANAGEMENT_PORT", "nine-o-eight-three")),
                broken("a Kafka image other than the client version", "differs from the Kafka client version",
                        set("kafka-2", "image", "apache/kafka:4.3.1")),
                broken("a floating tag", "not pinned", set("kafka-ui", "image", "kafbat/kafka-ui:latest")),
                broken("no tag at all", "not pinned", set("schema-registry", "image", "confluentinc/cp-schema-registry")),
                broken("a server without healthcheck", "has no healthcheck", remove("lag", "healthcheck")),
                broken("a healthcheck on the wrong port", "the healthcheck calls port 8080",
                        healthcheck("ingest", "curl -fsS http://localhost:8080/readyz")),
                broken("a service without restart policy", "has no restart policy", remove("dispatch", "restart")),
                broken("a host port published twice", "host port 8091 is published twice",
                        ports("nvidia", "127.0.0.1:8091:8092")),
                broken("a published port the service does not listen on", "publishes container port 9086",
                        ports("lag", "127.0.0.1:9084:9084", "127.0.0.1:9085:9086")),
                broken("two ports of one service on one number", "are both port 9081",
                        env("ingest", "CLIPSTREAM_INGEST_HTTP_PORT", "9081")),
                broken("replication factor 2 in the init step", "replication factor 2",
                        env("topics", "CLIPSTREAM_TOPICS_REPLICATION_FACTOR", "2")),
                broken("min.insync.replicas 1 in the init step", "min.insync.replicas 1",
                        env("topics", "CLIPSTREAM_TOPICS_MIN_INSYNC_REPLICAS", "1")),
                broken("more replicas than brokers", "needs as many brokers",
                        env("topics", "CLIPSTREAM_TOPICS_REPLICATION_FACTOR", "4")),
                broken("no init step", "exactly one service must run `topics create`", command("topics", "config", "keys")),
                broken("Streams internal topics with one replica", "kafka.streams.replication.factor",
                        env("labeling", "CLIPSTREAM_KAFKA_STREAMS_REPLICATION_FACTOR", "1")),
                broken("the tokens file not a mounted secret", "not a secret the service mounts",
                        remove("ingest", "secrets")),
                broken("the blob store on no volume", "on no volume", remove("ingest", "volumes")),
                broken("Streams state on no volume", "on no volume",
                        env("labeling", "CLIPSTREAM_KAFKA_STREAMS_STATE_DIR", "/tmp/streams")),
                broken("a command the CLI does not have", "not a valid clipstream command line",
                        command("dispatch", "dispatcher")),
                broken("a backend of an unknown kind", "not a valid clipstream command line",
                        command("dojo", "backend", "--kind", "tpu")),
                broken("an init step that restarts", "must not be restarted", set("topics", "restart", "on-failure")),
                broken("a dependency that does not exist", "which is not a service",
                        root -> ((ObjectNode) root.path("services").path("lag").path("depends_on"))
                                .putObject("kafka-4").put("condition", "service_healthy")),
                broken("no service that builds the image", "no service builds", remove("topics", "build")),
                broken("a build context that is not cli/target", "build context must be cli/target",
                        root -> ((ObjectNode) root.path("services").path("topics").path("build")).put("context", "..")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("brokenFiles")
    void eachCheckReportsItsBreak(String what, String expectedProblem, Consumer<ObjectNode> breakIt) throws IOException {
        ObjectNode root = (ObjectNode) ComposeChecks.parse(composeText);
        breakIt.accept(root);

        assertThat(ComposeChecks.check(root, DOCKER_DIR)).as("problems found after: %s", what)
                .anySatisfy(problem -> assertThat(problem).contains(expectedProblem));
    }

    @Test
    void aYamlSyntaxErrorIsReported() {
        String broken = composeText.replace("  kafka-ui:\n", "  kafka-ui: [\n");

        assertThat(broken).isNotEqualTo(composeText);
        assertThat(ComposeChecks.check(broken, DOCKER_DIR)).singleElement()
                .satisfies(problem -> assertThat(problem).startsWith("compose file does not parse as YAML"));
    }

    @Test
    void aPlanThatDiffersFromTheCatalogIsReported() {
        TopicCatalog catalog = TopicCatalog.create(new SerdeSettings("http://registry.invalid", false));
        List<TopicSpec<?, ?>> plan = new ArrayList<>(TopicPlan.of(TopicCatalog.create(
                new SerdeSettings("http://registry.invalid", false), (short) 3), 2));
        assertThat(ComposeChecks.comparePlan("topics", plan, catalog)).isEmpty();

        plan.set(0, fewerPartitionsAndCompacted(plan.get(0)));
        plan.remove(plan.size() - 1);

        assertThat(ComposeChecks.comparePlan("topics", plan, catalog))
                .anySatisfy(p -> assertThat(p).contains("creates topics").contains("clipstream.dead-letter"))
                .anySatisfy(p -> assertThat(p).contains("clips.uploaded gets 5 partitions, the catalog has 6"))
                .anySatisfy(p -> assertThat(p).contains("clips.uploaded gets cleanup.policy compact"));
    }

    private static <K, V> TopicSpec<K, V> fewerPartitionsAndCompacted(TopicSpec<K, V> spec) {
        return new TopicSpec<>(spec.name(), spec.keyType(), spec.valueType(), spec.keySerde(), spec.valueSerde(),
                spec.partitions() - 1, spec.replicationFactor(),
                java.util.Map.of("cleanup.policy", "compact", "min.insync.replicas", "2"), spec.description(),
                spec.producer(), spec.consumers());
    }

    // ---- mutations of the parsed file

    private static Arguments broken(String what, String expectedProblem, Consumer<ObjectNode> breakIt) {
        return Arguments.of(what, expectedProblem, breakIt);
    }

    private static ObjectNode service(ObjectNode root, String name) {
        JsonNode service = root.path("services").path(name);
        assertThat(service.isObject()).as("service %s exists", name).isTrue();
        return (ObjectNode) service;
    }

    private static Consumer<ObjectNode> env(String service, String variable, String value) {
        return root -> ((ObjectNode) service(root, service).path("environment")).put(variable, value);
    }

    private static Consumer<ObjectNode> set(String service, String field, String value) {
        return root -> service(root, service).put(field, value);
    }

    private static Consumer<ObjectNode> remove(String service, String field) {
        return root -> assertThat(service(root, service).remove(field)).as("%s.%s exists", service, field).isNotNull();
    }

    private static Consumer<ObjectNode> healthcheck(String service, String command) {
        return root -> {
            ArrayNode test = ((ObjectNode) service(root, service).path("healthcheck")).putArray("test");
            test.add("CMD-SHELL").add(command);
        };
    }

    private static Consumer<ObjectNode> ports(String service, String... mappings) {
        return root -> {
            ArrayNode ports = service(root, service).putArray("ports");
            for (String mapping : mappings) {
                ports.add(mapping);
            }
        };
    }

    private static Consumer<ObjectNode> command(String service, String... args) {
        return root -> {
            ArrayNode command = JsonNodeFactory.instance.arrayNode();
            for (String arg : args) {
                command.add(arg);
            }
            service(root, service).set("command", command);
        };
    }
}
