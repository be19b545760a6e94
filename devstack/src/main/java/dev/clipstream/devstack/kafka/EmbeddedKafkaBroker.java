package dev.clipstream.devstack.kafka;

import dev.clipstream.devstack.DevStackException;
import dev.clipstream.devstack.process.ChildProcess;
import dev.clipstream.devstack.process.FreePorts;
import dev.clipstream.devstack.process.JavaCommand;
import dev.clipstream.devstack.process.WorkDirs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A real Kafka KRaft broker (combined broker+controller) in a child JVM, listening on 127.0.0.1.
 * The child isolates the broker's heap and its fatal faults (Kafka halts the JVM on a port clash).
 * {@link #close()} stops it and deletes its directory; a shutdown hook does the same on JVM exit, and the
 * child exits by itself if this JVM dies (stdin EOF).
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);
    private static final String HOST = FreePorts.HOST;
    private static final String MAX_HEAP = "-Xmx384m";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);
    private static final int ATTEMPTS_ON_PORT_CLASH = 3;

    private final Path dir;
    private final ChildProcess child;
    private final int port;
    private final Thread shutdownHook;
    private boolean closed;

    private EmbeddedKafkaBroker(Path dir, ChildProcess child, int port) {
        this.dir = dir;
        this.child = child;
        this.port = port;
        this.shutdownHook = new Thread(this::close, "kafka-broker-shutdown");
    }

    /** Starts a broker on a free port; {@code dir} (created, must be the broker's own) is deleted on close. */
    public static EmbeddedKafkaBroker start(Path dir) {
        return start(dir, 0);
    }

    /**
     * Starts a broker whose PLAINTEXT listener is on 127.0.0.1:{@code port} (0 = a free port) and waits until it
     * answers describeCluster. On failure nothing is left running, {@code dir} is deleted, and the exception
     * carries the tail of the broker's log.
     */
    public static EmbeddedKafkaBroker start(Path dir, int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("Kafka port must be 0 (pick a free port) or 1-65535, got " + port);
        }
        FreePorts.requireFree("Kafka", port);
        Path absoluteDir = dir.toAbsolutePath();
        int attempts = port == 0 ? ATTEMPTS_ON_PORT_CLASH : 1;
        for (int attempt = 1; ; attempt++) {
            try {
                return startOnce(absoluteDir, FreePorts.orPick(port), FreePorts.pick());
            } catch (PortClashException e) {
                if (attempt >= attempts) {
                    throw new DevStackException(e.getMessage());
                }
                LOG.debug("Broker port was taken meanwhile, retrying with fresh ports: {}", e.getMessage());
            }
        }
    }

    private static EmbeddedKafkaBroker startOnce(Path dir, int port, int controllerPort) {
        long startNanos = System.nanoTime();
        WorkDirs.createDirectories(dir);
        EmbeddedKafkaBroker broker = null;
        try {
            Path propertiesFile = dir.resolve("server.properties");
            Path log4jConfig = dir.resolve("log4j2-broker.xml");
            BrokerFiles.writeProperties(
                    BrokerFiles.serverProperties(HOST, port, controllerPort, dir.resolve("data")), propertiesFile);
            BrokerFiles.writeLog4jConfig(log4jConfig);
            List<String> command = List.of(
                    JavaCommand.javaExecutable(),
                    MAX_HEAP,
                    "-Djava.awt.headless=true",
                    "-Djava.io.tmpdir=" + dir,
                    "-Dlog4j2.configurationFile=" + log4jConfig.toUri(),
                    "-cp", JavaCommand.currentClassPath(),
                    BrokerMain.class.getName(),
                    propertiesFile.toString());
            ChildProcess child = ChildProcess.launch("Kafka broker", command, dir, dir.resolve("broker.log"));
            broker = new EmbeddedKafkaBroker(dir, child, port);
            Runtime.getRuntime().addShutdownHook(broker.shutdownHook);
            broker.awaitReady();
            LOG.info("Kafka broker up at {} in {} ms (pid {}, log {})", broker.bootstrapServers(),
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos), child.pid(), child.logFile());
            return broker;
        } catch (RuntimeException e) {
            if (broker != null) {
                broker.close();
            } else {
                WorkDirs.deleteRecursively(dir);
            }
            throw e;
        }
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        awaitPortOpen(deadline);
        Map<String, Object> config = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000,
                AdminClientConfig.CLIENT_ID_CONFIG, "devstack-readiness");
        try (Admin admin = Admin.create(config)) {
            while (true) {
                failIfExited();
                try {
                    int nodes = admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).size();
                    if (nodes > 0) {
                        return;
                    }
                } catch (ExecutionException | TimeoutException e) {
                    LOG.debug("Broker not ready yet: {}", e.toString());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new DevStackException("Interrupted while waiting for the Kafka broker", e);
                }
                failIfPastDeadline(deadline);
                pause();
            }
        }
    }

    /** Polling the socket first keeps the Admin client from logging connection-refused warnings. */
    private void awaitPortOpen(long deadline) {
        while (true) {
            failIfExited();
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(HOST, port), 500);
                return;
            } catch (IOException e) {
                failIfPastDeadline(deadline);
                pause();
            }
        }
    }

    private void failIfExited() {
        if (!child.isAlive()) {
            String message = "Kafka broker failed to start: " + child.describeExit();
            if (child.failedToBindPort()) {
                throw new PortClashException(message);
            }
            throw new DevStackException(message);
        }
    }

    private void failIfPastDeadline(long deadline) {
        if (System.nanoTime() > deadline) {
            throw new DevStackException("Kafka broker at " + bootstrapServers() + " was not ready within "
                    + READY_TIMEOUT.toSeconds() + " s; last lines of " + child.logFile() + ":"
                    + System.lineSeparator() + child.logTail(40));
        }
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DevStackException("Interrupted while waiting for the Kafka broker", e);
        }
    }

    public String bootstrapServers() {
        return HOST + ":" + port;
    }

    public int port() {
        return port;
    }

    public long pid() {
        return child.pid();
    }

    public Path dir() {
        return dir;
    }

    /** Stops the broker (SIGTERM, clean shutdown) and deletes its directory. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        long startNanos = System.nanoTime();
        try {
            child.stop();
        } finally {
            WorkDirs.deleteRecursively(dir);
            removeShutdownHook();
        }
        LOG.debug("Kafka broker {} stopped in {} ms", bootstrapServers(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos));
    }

    private void removeShutdownHook() {
        if (Thread.currentThread() == shutdownHook) {
            return;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // The JVM is already shutting down; the hook runs or has run and finds this broker closed.
        }
    }

    /** The child could not bind its port, most likely taken between our check and its bind. */
    private static final class PortClashException extends RuntimeException {
        PortClashException(String message) {
            super(message);
        }
    }
}
