package dev.clipstream.testkit;

import dev.clipstream.devstack.process.Cleanup;
import dev.clipstream.devstack.process.WorkDirs;
import dev.clipstream.devstack.registry.ApicurioRegistry;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * One Kafka broker and one schema registry per test JVM, shared by every integration test in it. Started on first
 * use, stopped by a JVM shutdown hook. Tests isolate themselves with {@link #uniqueTopic(String)}.
 *
 * <p>Kafka comes from Testcontainers when Docker is available, else from the devstack (see
 * {@link KafkaBackendKind}); the registry is always the devstack's Apicurio child process.
 */
public final class TestStack {

    private static final Logger LOG = LoggerFactory.getLogger(TestStack.class);
    private static final Pattern LEGAL_TOPIC_PREFIX = Pattern.compile("[a-zA-Z0-9._-]{1,200}");

    private static TestStack shared;
    private static RuntimeException startFailure;

    private final Path workDir;
    private final KafkaBackend kafka;
    private final ApicurioRegistry registry;
    private final Admin admin;

    private TestStack(Path workDir, KafkaBackend kafka, ApicurioRegistry registry, Admin admin) {
        this.workDir = workDir;
        this.kafka = kafka;
        this.registry = registry;
        this.admin = admin;
    }

    /** The JVM's stack, started on the first call. A failed start is remembered, so later callers fail fast. */
    public static synchronized TestStack shared() {
        if (shared != null) {
            return shared;
        }
        if (startFailure != null) {
            throw new IllegalStateException("The shared TestStack failed to start earlier: " + startFailure.getMessage(),
                    startFailure);
        }
        try {
            shared = start(KafkaBackendKind.choose(System.getProperty(KafkaBackendKind.PROPERTY),
                    () -> DockerClientFactory.instance().isDockerAvailable()));
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "test-stack-shutdown"));
            return shared;
        } catch (RuntimeException e) {
            startFailure = e;
            throw e;
        }
    }

    private static TestStack start(KafkaBackendKind kind) {
        long startNanos = System.nanoTime();
        Path workDir = createWorkDir();
        KafkaBackend kafka = null;
        ApicurioRegistry registry = null;
        try {
            kafka = kind == KafkaBackendKind.TESTCONTAINERS
                    ? TestcontainersKafkaBackend.start()
                    : DevstackKafkaBackend.start(workDir.resolve("kafka"));
            registry = ApicurioRegistry.start(workDir.resolve("registry"));
            Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                    AdminClientConfig.CLIENT_ID_CONFIG, "testkit-admin"));
            LOG.info("TestStack up in {} ms: kafka {} ({}), schema registry {}",
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos), kafka.bootstrapServers(),
                    kafka.name(), registry.ccompatUrl());
            return new TestStack(workDir, kafka, registry, admin);
        } catch (RuntimeException e) {
            ApicurioRegistry startedRegistry = registry;
            KafkaBackend startedKafka = kafka;
            Cleanup.afterFailure(e,
                    () -> closeIfStarted(startedRegistry),
                    () -> closeIfStarted(startedKafka),
                    () -> WorkDirs.deleteRecursively(workDir));
            throw e;
        }
    }

    private static Path createWorkDir() {
        try {
            return Files.createTempDirectory("clipstream-teststack-");
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create a temp dir for the TestStack", e);
        }
    }

    private static void closeIfStarted(KafkaBackend kafka) {
        if (kafka != null) {
            kafka.close();
        }
    }

    private static void closeIfStarted(ApicurioRegistry registry) {
        if (registry != null) {
            registry.close();
        }
    }

    public String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    /** Base of the Confluent-compatible API, e.g. {@code http://127.0.0.1:PORT/apis/ccompat/v7}. */
    public String schemaRegistryUrl() {
        return registry.ccompatUrl();
    }

    /** {@code "devstack"} or {@code "testcontainers"}. */
    public String backendName() {
        return kafka.name();
    }

    /** An Admin client shared by all tests; do not close it. */
    public Admin admin() {
        return admin;
    }

    /** {@code prefix + "-" + random suffix}, so tests sharing the broker never see each other's records. */
    public String uniqueTopic(String prefix) {
        if (prefix == null || !LEGAL_TOPIC_PREFIX.matcher(prefix).matches()) {
            throw new IllegalArgumentException("Topic prefix must be 1-200 characters of [a-zA-Z0-9._-], got '"
                    + prefix + "'");
        }
        return prefix + "-" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    private void close() {
        Cleanup.runAll(
                () -> admin.close(Duration.ofSeconds(5)),
                registry::close,
                kafka::close,
                () -> WorkDirs.deleteRecursively(workDir));
    }
}
