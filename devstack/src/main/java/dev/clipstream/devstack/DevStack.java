package dev.clipstream.devstack;

import dev.clipstream.devstack.kafka.EmbeddedKafkaBroker;
import dev.clipstream.devstack.kafka.KafkaSecurity;
import dev.clipstream.devstack.process.ChildService;
import dev.clipstream.devstack.process.Cleanup;
import dev.clipstream.devstack.process.FreePorts;
import dev.clipstream.devstack.process.WorkDirs;
import dev.clipstream.devstack.registry.ApicurioHome;
import dev.clipstream.devstack.registry.ApicurioRegistry;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * A real Kafka broker and a real schema registry on this machine, each in a child JVM, without Docker.
 * Start it, use {@link #bootstrapServers()} and {@link #schemaRegistryUrl()}, close it: both children stop and
 * the work dir is deleted. A shutdown hook does the same on Ctrl-C or JVM exit, and the children exit on their
 * own if this JVM is killed.
 */
public final class DevStack implements AutoCloseable {

    private final Path workDir;
    private final Thread shutdownHook;
    private final CompletableFuture<String> unexpectedExit = new CompletableFuture<>();
    private EmbeddedKafkaBroker kafka;
    private ApicurioRegistry registry;
    private boolean shutdownHookAdded;
    private volatile boolean closed;

    private DevStack(Path workDir) {
        this.workDir = workDir;
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
        DevStack stack = new DevStack(WorkDirs.createFresh(options.workDir(), "clipstream-devstack-"));
        try {
            stack.startChildren(home, options);
            return stack;
        } catch (RuntimeException e) {
            Cleanup.afterFailure(e, stack::close);
            throw e instanceof DevStackException ? e : new DevStackException("DevStack failed to start: " + e, e);
        }
    }

    /**
     * The stack's shutdown hook goes in before anything is launched, so Ctrl-C during the start cannot leave the
     * work dir behind: each child's own hook only deletes its subdir, and the JVM does not wait for this thread's
     * cleanup. The lock is held for the whole start, so that hook waits in {@link #close()} until the start has
     * unwound (the children's hooks stop them, which makes it fail fast) and then deletes the work dir.
     */
    private synchronized void startChildren(ApicurioHome home, DevStackOptions options) {
        Runtime.getRuntime().addShutdownHook(shutdownHook);
        shutdownHookAdded = true;
        kafka = EmbeddedKafkaBroker.start(workDir.resolve("kafka"), options.kafkaPort(), options.security());
        kafka.unexpectedExit().thenAccept(this::reportUnexpectedExit);
        registry = ApicurioRegistry.start(home, workDir.resolve("registry"), options.registryPort());
        registry.unexpectedExit().thenAccept(this::reportUnexpectedExit);
    }

    private void reportUnexpectedExit(String message) {
        if (!closed) {
            unexpectedExit.complete(message);
        }
    }

    /**
     * Completes when the broker or the registry exits while the stack is meant to run, with a message that names
     * the child, its exit status and the last lines of its log. Not completed when {@link #close()} stops them.
     * The stack is then half dead: close it.
     */
    public CompletableFuture<String> unexpectedExit() {
        return unexpectedExit.copy();
    }

    /** {@code 127.0.0.1:PORT} of the broker's client listener (PLAINTEXT, or SASL_PLAINTEXT when secured). */
    public String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    /** Base of the Confluent-compatible API, e.g. {@code http://127.0.0.1:PORT/apis/ccompat/v7}. */
    public String schemaRegistryUrl() {
        return registry.ccompatUrl();
    }

    /** Users and passwords when started {@link DevStackOptions#withSecurity secured}; else empty. */
    public Optional<KafkaSecurity> security() {
        return kafka.security();
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

    /** Stops the registry, then Kafka (whichever of them started), then deletes the work dir. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        Cleanup.runAll(
                () -> closeIfStarted(registry),
                () -> closeIfStarted(kafka),
                () -> WorkDirs.deleteRecursively(workDir),
                this::removeShutdownHook);
    }

    private static void closeIfStarted(ChildService child) {
        if (child != null) {
            child.close();
        }
    }



    private void removeShutdownHook() {
        if (shutdownHookAdded) {
            Cleanup.removeShutdownHook(shutdownHook);
        }
    }
}
