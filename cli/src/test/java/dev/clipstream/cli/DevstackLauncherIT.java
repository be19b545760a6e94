package dev.clipstream.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@code bin/clipstream devstack} as a user would: a real OS process, started through a symlink from another
 * working directory, used through the addresses it prints, stopped with SIGTERM.
 */
class DevstackLauncherIT {

    private static final Pattern BOOTSTRAP = Pattern.compile("export CLIPSTREAM_KAFKA_BOOTSTRAP_SERVERS=(\\S+)");
    private static final Pattern REGISTRY = Pattern.compile("export CLIPSTREAM_SCHEMA_REGISTRY_URL=(\\S+)");
    private static final Pattern DATA_DIR = Pattern.compile("Data dir:\\s+(\\S+) \\(removed on exit\\)");

    @TempDir
    Path elsewhere;

    private Process process;
    private List<ProcessHandle> descendants = List.of();
    private Path launcher;

    @AfterEach
    void leaveNothingRunning() throws IOException {
        if (launcher != null) {
            // JUnit warns about deleting a symlink that points outside its temp dir; remove it ourselves.
            Files.deleteIfExists(launcher);
        }
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
        }
        descendants.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    @Test
    void devstackServesKafkaAndRegistryAndStopsCleanlyOnSigterm() throws Exception {
        Path console = startDevstackThroughASymlinkElsewhere();
        String bootstrapServers = find(console, BOOTSTRAP).orElseThrow();
        String registryUrl = find(console, REGISTRY).orElseThrow();
        Path dataDir = Path.of(find(console, DATA_DIR).orElseThrow());
        assertThat(dataDir).isDirectory();

        assertRoundTrip(bootstrapServers);
        HttpResponse<String> subjects = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(registryUrl + "/subjects")).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(subjects.statusCode()).isEqualTo(200);
        assertThat(subjects.body()).as("catalog schemas registered at start")
                .contains("\"clips.uploaded-value\"", "\"training.batches-value\"", "\"dispatch.events-value\"");
        assertCatalogTopicsExist(bootstrapServers);

        descendants = process.toHandle().descendants().toList();
        assertThat(descendants).as("broker and registry child processes").hasSizeGreaterThanOrEqualTo(2);
        process.destroy();

        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("devstack exited after SIGTERM").isTrue();
        assertThat(process.exitValue()).isZero();
        await("children gone").atMost(Duration.ofSeconds(30))
                .until(() -> descendants.stream().noneMatch(ProcessHandle::isAlive));
        assertThat(dataDir).doesNotExist();
        List<String> lines = Files.readAllLines(console);
        System.out.println(String.join(System.lineSeparator(), lines));
        assertThat(lines).last().asString().isEqualTo("Clipstream devstack stopped and its data dir removed. Bye.");
    }

    @Test
    void brokerThatDiesStopsTheDevstackWithItsLogAndExit1() throws Exception {
        Path console = startDevstackThroughASymlinkElsewhere();
        Path dataDir = Path.of(find(console, DATA_DIR).orElseThrow());
        descendants = process.toHandle().descendants().toList();
        ProcessHandle broker = descendants.stream()
                .filter(child -> child.info().commandLine().orElse("").contains("BrokerMain"))
                .findFirst().orElseThrow(() -> new AssertionError("no BrokerMain among " + descendants));

        broker.destroyForcibly(); // SIGKILL, as the OOM killer would

        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("devstack exited after its broker died").isTrue();
        String output = Files.readString(console);
        System.out.println(output);
        assertThat(process.exitValue()).as(output).isEqualTo(1);
        assertThat(output)
                .contains("Clipstream devstack stopped and its data dir removed.")
                .contains("Error: Kafka broker (pid " + broker.pid() + ") exited unexpectedly with status 137")
                .contains("BrokerMain: broker started");
        assertThat(descendants).noneMatch(ProcessHandle::isAlive);
        assertThat(dataDir).doesNotExist();
    }

    /**
     * Starts {@code clipstream devstack} through a symlink to bin/clipstream from a directory outside the repo, as
     * a user would, and waits until it has printed its addresses. Returns the file its output goes to: a file,
     * not a pipe, because Process.destroy() closes our end of a pipe at once, which would hide the last lines.
     */
    private Path startDevstackThroughASymlinkElsewhere() throws Exception {
        launcher = Files.createSymbolicLink(elsewhere.resolve("clipstream"), repoRoot().resolve("bin/clipstream"));
        Path console = elsewhere.resolve("devstack-console.txt");
        ProcessBuilder builder = new ProcessBuilder(launcher.toString(), "devstack")
                .directory(elsewhere.toFile())
                .redirectErrorStream(true)
                .redirectOutput(console.toFile());
        builder.environment().put("JAVA_OPTS", "-Xmx256m");
        process = builder.start();
        await("devstack printed its addresses").atMost(Duration.ofSeconds(120))
                .until(() -> find(console, REGISTRY).isPresent() || !process.isAlive());
        assertThat(process.isAlive()).as("devstack alive; output:%n%s", Files.readString(console)).isTrue();
        return console;
    }

    private static void assertCatalogTopicsExist(String bootstrapServers) throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS))
                    .as("catalog topics created at start")
                    .contains("clips.uploaded", "clips.rejected", "training.batches", "campaigns", "clipstream.dead-letter");
        }
    }

    private static void assertRoundTrip(String bootstrapServers) throws Exception {
        String topic = "devstack-it-" + UUID.randomUUID();
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get(30, TimeUnit.SECONDS);
        }
        Properties producerConfig = new Properties();
        producerConfig.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        try (KafkaProducer<String, String> producer =
                     new KafkaProducer<>(producerConfig, new StringSerializer(), new StringSerializer())) {
            producer.send(new ProducerRecord<>(topic, "clip-1", "front-camera")).get(30, TimeUnit.SECONDS);
        }
        Properties consumerConfig = new Properties();
        consumerConfig.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        List<ConsumerRecord<String, String>> received = new CopyOnWriteArrayList<>();
        try (KafkaConsumer<String, String> consumer =
                     new KafkaConsumer<>(consumerConfig, new StringDeserializer(), new StringDeserializer())) {
            TopicPartition partition = new TopicPartition(topic, 0);
            consumer.assign(List.of(partition));
            consumer.seekToBeginning(List.of(partition));
            await("record consumed").atMost(Duration.ofSeconds(30))
                    .until(() -> {
                        consumer.poll(Duration.ofMillis(200)).forEach(received::add);
                        return !received.isEmpty();
                    });
        }
        assertThat(received).singleElement().satisfies(record -> {
            assertThat(record.key()).isEqualTo("clip-1");
            assertThat(record.value()).isEqualTo("front-camera");
        });
    }

    private static Optional<String> find(Path console, Pattern pattern) throws IOException {
        Matcher matcher = pattern.matcher(Files.readString(console));
        return matcher.find() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    /** Failsafe runs with basedir = the cli module; the repo root is its parent. */
    private static Path repoRoot() {
        Path cliModule = Path.of(System.getProperty("basedir", "")).toAbsolutePath();
        Path root = cliModule.getParent();
        assertThat(root.resolve("bin/clipstream")).as("launcher in repo root %s", root).isExecutable();
        assertThat(root.resolve("cli/target/clipstream-cli.jar")).as("packaged CLI jar").exists();
        return root;
    }
}
