package dev.clipstream.devstack.registry;

import dev.clipstream.devstack.DevStackException;
import dev.clipstream.devstack.process.ChildProcess;
import dev.clipstream.devstack.process.FreePorts;
import dev.clipstream.devstack.process.JavaCommand;
import dev.clipstream.devstack.process.WatchdogAgentJar;
import dev.clipstream.devstack.process.WorkDirs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * A real Apicurio Registry server in a child JVM on 127.0.0.1 with in-memory storage. The project uses only its
 * Confluent-compatible API ({@link #ccompatUrl()}). At start the global compatibility is set to BACKWARD
 * (Apicurio's default is NONE, Confluent's is BACKWARD).
 */
public final class ApicurioRegistry implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ApicurioRegistry.class);
    private static final String HOST = FreePorts.HOST;
    private static final String MAX_HEAP = "-Xmx256m";
    private static final String CCOMPAT_PATH = "/apis/ccompat/v7";
    private static final String SCHEMA_REGISTRY_JSON = "application/vnd.schemaregistry.v1+json";
    private static final String GLOBAL_COMPATIBILITY = "BACKWARD";
    private static final Pattern BACKWARD_LEVEL =
            Pattern.compile("\"compatibility(Level)?\"\\s*:\\s*\"" + GLOBAL_COMPATIBILITY + "\"");
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(90);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(5);
    private static final int ATTEMPTS_ON_PORT_CLASH = 3;

    private final Path dir;
    private final ChildProcess child;
    private final int port;
    private final HttpClient http;
    private final Thread shutdownHook;
    private boolean closed;

    private ApicurioRegistry(Path dir, ChildProcess child, int port, HttpClient http) {
        this.dir = dir;
        this.child = child;
        this.port = port;
        this.http = http;
        this.shutdownHook = new Thread(this::close, "schema-registry-shutdown");
    }

    /** Starts the registry found by {@link ApicurioHome#locate()} on a free port. */
    public static ApicurioRegistry start(Path dir) {
        return start(ApicurioHome.locate(), dir, 0);
    }

    /** Starts the registry found by {@link ApicurioHome#locate()} on 127.0.0.1:{@code port} (0 = a free port). */
    public static ApicurioRegistry start(Path dir, int port) {
        return start(ApicurioHome.locate(), dir, port);
    }

    /**
     * Starts the registry on 127.0.0.1:{@code port} (0 = a free port) and waits until its ccompat API answers.
     * {@code dir} (created; the registry's own) holds its temp files and log and is deleted on close. On failure
     * nothing is left running, {@code dir} is deleted, and the exception carries the tail of the registry's log.
     */
    public static ApicurioRegistry start(ApicurioHome home, Path dir, int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("Registry port must be 0 (pick a free port) or 1-65535, got " + port);
        }
        FreePorts.requireFree("Schema registry", port);
        Path absoluteDir = dir.toAbsolutePath();
        int attempts = port == 0 ? ATTEMPTS_ON_PORT_CLASH : 1;
        for (int attempt = 1; ; attempt++) {
            try {
                return startOnce(home, absoluteDir, FreePorts.orPick(port), FreePorts.pick());
            } catch (PortClashException e) {
                if (attempt >= attempts) {
                    throw new DevStackException(e.getMessage());
                }
                LOG.debug("Registry port was taken meanwhile, retrying with fresh ports: {}", e.getMessage());
            }
        }
    }

    private static ApicurioRegistry startOnce(ApicurioHome home, Path dir, int port, int managementPort) {
        long startNanos = System.nanoTime();
        WorkDirs.createDirectories(dir.resolve("tmp"));
        ApicurioRegistry registry = null;
        try {
            Path agentJar = WatchdogAgentJar.writeTo(dir.resolve("stdin-watchdog-agent.jar"));
            List<String> command = List.of(
                    JavaCommand.javaExecutable(),
                    MAX_HEAP,
                    // C1 only and the serial collector: a dev registry sees little load, and on a small shared
                    // machine this starts it faster and with fewer threads.
                    "-XX:TieredStopAtLevel=1",
                    "-XX:+UseSerialGC",
                    "-javaagent:" + agentJar,
                    "-Djava.awt.headless=true",
                    "-Djava.io.tmpdir=" + dir.resolve("tmp"),
                    "-Dquarkus.http.host=" + HOST,
                    "-Dquarkus.http.port=" + port,
                    "-Dquarkus.management.host=" + HOST,
                    "-Dquarkus.management.port=" + managementPort,
                    "-jar", home.runnerJar().toString());
            ChildProcess child = ChildProcess.launch("Schema registry", command, dir, dir.resolve("registry.log"));
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
            registry = new ApicurioRegistry(dir, child, port, http);
            Runtime.getRuntime().addShutdownHook(registry.shutdownHook);
            registry.awaitReady();
            registry.setGlobalCompatibility();
            LOG.info("Schema registry up at {} in {} ms (pid {}, log {})", registry.ccompatUrl(),
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos), child.pid(), child.logFile());
            return registry;
        } catch (RuntimeException e) {
            if (registry != null) {
                registry.close();
            } else {
                WorkDirs.deleteRecursively(dir);
            }
            throw e;
        }
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        HttpRequest probe = HttpRequest.newBuilder(URI.create(ccompatUrl() + "/subjects"))
                .timeout(REQUEST_TIMEOUT).GET().build();
        while (true) {
            failIfExited();
            try {
                if (http.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                LOG.trace("Registry not ready yet: {}", e.toString());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DevStackException("Interrupted while waiting for the schema registry", e);
            }
            if (System.nanoTime() > deadline) {
                throw new DevStackException("Schema registry at " + baseUrl() + " was not ready within "
                        + READY_TIMEOUT.toSeconds() + " s; last lines of " + child.logFile() + ":"
                        + System.lineSeparator() + child.logTail(40));
            }
            pause();
        }
    }

    private void setGlobalCompatibility() {
        String body = "{\"compatibility\":\"" + GLOBAL_COMPATIBILITY + "\"}";
        HttpResponse<String> put = send(HttpRequest.newBuilder(URI.create(ccompatUrl() + "/config"))
                .timeout(REQUEST_TIMEOUT)
                .header("Content-Type", SCHEMA_REGISTRY_JSON)
                .PUT(HttpRequest.BodyPublishers.ofString(body)).build());
        if (put.statusCode() != 200) {
            throw new DevStackException("Schema registry refused global compatibility " + GLOBAL_COMPATIBILITY
                    + ": HTTP " + put.statusCode() + " " + put.body());
        }
        HttpResponse<String> get = send(HttpRequest.newBuilder(URI.create(ccompatUrl() + "/config"))
                .timeout(REQUEST_TIMEOUT).GET().build());
        if (get.statusCode() != 200 || !BACKWARD_LEVEL.matcher(get.body()).find()) {
            throw new DevStackException("Schema registry did not keep global compatibility " + GLOBAL_COMPATIBILITY
                    + ": GET /config answered HTTP " + get.statusCode() + " " + get.body());
        }
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new DevStackException(request.method() + " " + request.uri() + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DevStackException("Interrupted during " + request.method() + " " + request.uri(), e);
        }
    }

    private void failIfExited() {
        if (!child.isAlive()) {
            String message = "Schema registry failed to start: " + child.describeExit();
            if (child.failedToBindPort()) {
                throw new PortClashException(message);
            }
            throw new DevStackException(message);
        }
    }

    private static void pause() {
        try {
            Thread.sleep(100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DevStackException("Interrupted while waiting for the schema registry", e);
        }
    }

    /** Root of the server, e.g. {@code http://127.0.0.1:8081}. */
    public String baseUrl() {
        return "http://" + HOST + ":" + port;
    }

    /** Base of the Confluent-compatible API, e.g. {@code http://127.0.0.1:8081/apis/ccompat/v7}. */
    public String ccompatUrl() {
        return baseUrl() + CCOMPAT_PATH;
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

    /** Stops the registry (SIGTERM) and deletes its directory. Idempotent. */
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
        LOG.debug("Schema registry {} stopped in {} ms", baseUrl(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos));
    }

    private void removeShutdownHook() {
        if (Thread.currentThread() == shutdownHook) {
            return;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // The JVM is already shutting down; the hook runs or has run and finds this registry closed.
        }
    }

    private static final class PortClashException extends RuntimeException {
        PortClashException(String message) {
            super(message);
        }
    }
}
