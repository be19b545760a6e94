package dev.clipstream.devstack.kafka;

import dev.clipstream.devstack.DevStackException;
import dev.clipstream.devstack.process.FreePorts;
import dev.clipstream.devstack.process.ChildService;
import dev.clipstream.devstack.process.JavaCommand;
import dev.clipstream.devstack.process.ManagedChild;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * A real Kafka KRaft broker (combined broker+controller) in a child JVM, listening on 127.0.0.1.
 * The child isolates the broker's heap and its fatal faults (Kafka halts the JVM on a port clash).
 * {@link #close()} stops it and deletes its directory; a shutdown hook does the same on JVM exit, and the
 * child exits by itself if this JVM dies (stdin EOF).
 *
 * <p>Fault injection for tests: {@link #stop()} and {@link #restart()} take the broker down and bring it back on the
 * same port with the same data (clients see connection refused meanwhile); {@link #suspend()} and
 * {@link #resume()} freeze it with SIGSTOP/SIGCONT (a hung broker: connections open, nothing answers).
 */
public final class EmbeddedKafkaBroker extends ChildService {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);
    private static final String NAME = "Kafka broker";
    private static final String HOST = FreePorts.HOST;
    private static final String MAX_HEAP = "-Xmx384m";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);
    /** A restart recovers the logs of a broker that may have been killed: on a loaded machine it takes longer. */
    private static final Duration RESTART_READY_TIMEOUT = Duration.ofMinutes(3);

    /** The command the broker was launched with; a restart runs it again on the files it wrote. */
    private final List<String> command;
    /** Null for a PLAINTEXT broker. */
    private final KafkaSecurity security;
    private int restarts;
    private boolean stopped;
    private boolean suspended;

    private EmbeddedKafkaBroker(ManagedChild child, int port, List<String> command, KafkaSecurity security) {
        super(child, port);
        this.command = command;
        this.security = security;
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
        return start(dir, port, null);
    }

    /**
     * As {@link #start(Path, int)}; with {@code security} not null the listener on {@code port} is SASL_PLAINTEXT
     * with SCRAM-SHA-512 and ACLs (see {@link KafkaSecurity}), and the service users exist when this returns.
     */
    public static EmbeddedKafkaBroker start(Path dir, int port, KafkaSecurity security) {
        Path absoluteDir = dir.toAbsolutePath();
        return ManagedChild.startWithPortRetries(NAME, port,
                brokerPort -> startOnce(absoluteDir, brokerPort, FreePorts.pick(), security));
    }

    private static EmbeddedKafkaBroker startOnce(Path dir, int port, int controllerPort, KafkaSecurity security) {
        AtomicReference<List<String>> launched = new AtomicReference<>();
        return ManagedChild.start(NAME, HOST + ":" + port, dir, "broker.log", remembering(launched, () -> {
            Path propertiesFile = dir.resolve("server.properties");
            Path log4jConfig = dir.resolve("log4j2-broker.xml");
            Properties properties = BrokerFiles.serverProperties(HOST, port, controllerPort, dir.resolve("data"));
            if (security != null) {
                properties = BrokerFiles.secure(properties, HOST, port, controllerPort, security);
                BrokerFiles.writeFormatArgs(security, dir.resolve(BrokerFiles.FORMAT_ARGS_FILE));
            }
            BrokerFiles.writeProperties(properties, propertiesFile);
            BrokerFiles.writeLog4jConfig(log4jConfig);
            return List.of(
                    JavaCommand.javaExecutable(),
                    MAX_HEAP,
                    "-Djava.awt.headless=true",
                    "-Djava.io.tmpdir=" + dir,
                    "-Dlog4j2.configurationFile=" + log4jConfig.toUri(),
                    "-cp", JavaCommand.currentClassPath(),
                    BrokerMain.class.getName(),
                    propertiesFile.toString());
        }), child -> {
            EmbeddedKafkaBroker broker = new EmbeddedKafkaBroker(child, port, launched.get(), security);
            broker.awaitReady();
            if (security != null) {
                ScramUsers.create(broker.bootstrapServers(), security, READY_TIMEOUT);
            }
            return broker;
        });
    }

    private static Supplier<List<String>> remembering(AtomicReference<List<String>> launched,
                                                      Supplier<List<String>> prepare) {
        return () -> {
            launched.set(List.copyOf(prepare.get()));
            return launched.get();
        };
    }

    private void awaitReady() {
        awaitReady(READY_TIMEOUT);
    }

    private void awaitReady(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        awaitPortOpen(deadline);
        Map<String, Object> config = new HashMap<>(Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000,
                AdminClientConfig.CLIENT_ID_CONFIG, "devstack-readiness"));
        if (security != null) {
            config.putAll(security.adminClientConfig());
        }
        try (Admin admin = Admin.create(config)) {
            while (true) {
                child.failIfExited();
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
                child.failIfPastDeadline(deadline, timeout, bootstrapServers());
                child.pause();
            }
        }
    }

    /** Polling the socket first keeps the Admin client from logging connection-refused warnings. */
    private void awaitPortOpen(long deadline) {
        while (true) {
            child.failIfExited();
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(HOST, port()), 500);
                return;
            } catch (IOException e) {
                child.failIfPastDeadline(deadline, READY_TIMEOUT, bootstrapServers());
                child.pause();
            }
        }
    }

    public String bootstrapServers() {
        return HOST + ":" + port();
    }

    /** The users and passwords of a secured broker; empty for a PLAINTEXT one. */
    public Optional<KafkaSecurity> security() {
        return Optional.ofNullable(security);
    }

    /**
     * Shuts the broker down cleanly but keeps its data dir, port and config, so {@link #restart()} brings the same
     * cluster back. Meanwhile clients get connection refused. Idempotent.
     */
    public synchronized void stop() {
        if (stopped) {
            return;
        }
        resume();
        try {
            Files.writeString(dir().resolve(BrokerMain.KEEP_DATA_MARKER), "restart pending\n");
        } catch (IOException e) {
            throw new UncheckedIOException("Could not mark the broker's data to be kept in " + dir(), e);
        }
        child.stopKeepingDir();
        stopped = true;
        LOG.info("{} at {} stopped; data kept for a restart", NAME, bootstrapServers());
    }

    /**
     * Starts the broker again on the same port with the same data (stopping it first if it runs) and waits until it
     * answers. Its output goes to {@code broker-<n>.log}.
     */
    public synchronized void restart() {
        stop();
        try {
            Files.deleteIfExists(dir().resolve(BrokerMain.KEEP_DATA_MARKER));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not remove the keep-data marker in " + dir(), e);
        }
        child.handOverDir();
        restarts++;
        ManagedChild.start(NAME, bootstrapServers(), dir(), "broker-" + restarts + ".log", () -> command, next -> {
            replaceChild(next);
            awaitReady(RESTART_READY_TIMEOUT);
            return next;
        });
        stopped = false;
    }

    /** Freezes the broker process (SIGSTOP): connections stay open, requests time out. Idempotent. */
    public synchronized void suspend() {
        if (!suspended && !stopped) {
            signal("STOP");
            suspended = true;
        }
    }

    /** Lets a {@link #suspend() suspended} broker run on (SIGCONT). Idempotent. */
    public synchronized void resume() {
        if (suspended) {
            signal("CONT");
            suspended = false;
        }
    }

    public synchronized boolean isRunning() {
        return !stopped && child.process().isAlive();
    }

    private void signal(String signal) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid())).inheritIO().start();
            if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new DevStackException("kill -" + signal + " " + pid() + " failed for the " + NAME);
            }
        } catch (IOException e) {
            throw new DevStackException("Could not send SIG" + signal + " to the " + NAME + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DevStackException("Interrupted while sending SIG" + signal + " to the " + NAME, e);
        }
    }

    /** A suspended broker is resumed first, so that it can shut down cleanly. */
    @Override
    public synchronized void close() {
        try {
            resume();
        } finally {
            super.close();
        }
    }





}
