package dev.clipstream.devstack;

import dev.clipstream.devstack.kafka.EmbeddedKafkaBroker;
import dev.clipstream.devstack.process.FreePorts;
import dev.clipstream.devstack.process.WorkDirs;
import dev.clipstream.devstack.registry.ApicurioHome;
import dev.clipstream.devstack.registry.ApicurioRegistry;

import java.nio.file.Path;
import java.util.function.Supplier;

/**
 * A real Kafka broker and a real schema registry on this machine, each in a child JVM, without Docker.
 * Start it, use {@link #bootstrapServers()} and {@link #schemaRegistryUrl()}, close it: both children stop and
 * the work dir is deleted. A shutdown hook does the same on Ctrl-C or JVM exit, and the children exit on their
 * own if this JVM is killed.
 */
public final class DevStack implements AutoCloseable {

    private final Path workDir;
    private final EmbeddedKafkaBroker kafka;
    private final ApicurioRegistry registry;
    private final Thread shutdownHook;
    private boolean closed;

    private DevStack(Path workDir, EmbeddedKafkaBroker kafka, ApicurioRegistry registry) {
        this.workDir = workDir;
        this.kafka = kafka;
        this.registry = registry;
        this.shutdownHook = new Thread(this::close, "devstack-shutdown");
    }

    /** Starts Kafka, then the registry. Any failure stops what started, deletes the dirs and throws. */
    public static DevStack start(DevStackOptions options) {
        return start(options, ApicurioHome::locate);
    }

    static DevStack start(DevStackOptions options, Supplier<ApicurioHome> apicurioHome) {
        // Cheap checks first, so a wrong setup fails before anything is launched.
        ApicurioHome home = apicurioHome.get();
        FreePorts.requireFree("Kafka", options.kafkaPort());
        FreePorts.requireFree("Schema registry", options.registryPort());
        Path workDir = WorkDirs.createFresh(options.workDir(), "clipstream-devstack-");
        EmbeddedKafkaBroker kafka = null;
        try {
            kafka = EmbeddedKafkaBroker.start(workDir.resolve("kafka"), options.kafkaPort());
            ApicurioRegistry registry = ApicurioRegistry.start(home, workDir.resolve("registry"), options.registryPort());
            DevStack stack = new DevStack(workDir, kafka, registry);
            Runtime.getRuntime().addShutdownHook(stack.shutdownHook);
            return stack;
        } catch (RuntimeException e) {
            try {
                if (kafka != null) {
                    kafka.close();
                }
            } catch (RuntimeException closeFailure) {
                e.addSuppressed(closeFailure);
            } finally {
                WorkDirs.deleteRecursively(workDir);
            }
            throw e instanceof DevStackException ? e : new DevStackException("DevStack failed to start: " + e, e);
        }
    }

    /** {@code 127.0.0.1:PORT} of the broker's PLAINTEXT listener. */
    public String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    /** Base of the Confluent-compatible API, e.g. {@code http://127.0.0.1:PORT/apis/ccompat/v7}. */
    public String schemaRegistryUrl() {
        return registry.ccompatUrl();
    }

    public Path workDir() {
        return workDir;
    }

    public EmbeddedKafkaBroker kafka() {
        return kafka;
    }

    public ApicurioRegistry registry() {
        return registry;
    }

    /** Stops the registry, then Kafka, then deletes the work dir. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            registry.close();
        } finally {
            try {
                kafka.close();
            } finally {
                WorkDirs.deleteRecursively(workDir);
                removeShutdownHook();
            }
        }
    }

    private void removeShutdownHook() {
        if (Thread.currentThread() == shutdownHook) {
            return;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // The JVM is already shutting down; the hook runs or has run and finds this stack closed.
        }
    }
}
