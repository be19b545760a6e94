package dev.clipstream.devstack.registry;

import dev.clipstream.devstack.DevStackException;
import dev.clipstream.devstack.process.ChildService;
import dev.clipstream.devstack.process.FreePorts;
import dev.clipstream.devstack.process.JavaCommand;
import dev.clipstream.devstack.process.ManagedChild;
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
import java.util.regex.Pattern;

/**
 * A real Apicurio Registry server in a child JVM on 127.0.0.1 with in-memory storage. The project uses only its
 * Confluent-compatible API ({@link #ccompatUrl()}). At start the global compatibility is set to BACKWARD
 * (Apicurio's default is NONE, Confluent's is BACKWARD).
 */
public final class ApicurioRegistry extends ChildService {

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
    private static final String NAME = "Schema registry";

    private final HttpClient http;

    private ApicurioRegistry(ManagedChild child, int port, HttpClient http) {
        super(child, port);
        this.http = http;
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
        Path absoluteDir = dir.toAbsolutePath();
        return ManagedChild.startWithPortRetries(NAME, port,
                httpPort -> startOnce(home, absoluteDir, httpPort, FreePorts.pick()));
    }

    private static ApicurioRegistry startOnce(ApicurioHome home, Path dir, int port, int managementPort) {
        String address = "http://" + HOST + ":" + port + CCOMPAT_PATH;
        return ManagedChild.start(NAME, address, dir, "registry.log", () -> {
            WorkDirs.createDirectories(dir.resolve("tmp"));
            Path agentJar = WatchdogAgentJar.writeTo(dir.resolve("stdin-watchdog-agent.jar"));
            return List.of(
                    JavaCommand.javaExecutable(),
                    MAX_HEAP,
                    // C1 only and the serial collector: a dev registry sees little load, and on a small shared
                    // machine this starts it faster and with fewer threads.
                    "-XX:TieredStopAtLevel=1",
                    "-XX:+UseSerialGC",
                    // The agent argument is the dir the registry owns: it deletes it if this JVM is killed.
                    "-javaagent:" + agentJar + "=" + dir,
                    "-Djava.awt.headless=true",
                    "-Djava.io.tmpdir=" + dir.resolve("tmp"),
                    "-Dquarkus.http.host=" + HOST,
                    "-Dquarkus.http.port=" + port,
                    "-Dquarkus.management.host=" + HOST,
                    "-Dquarkus.management.port=" + managementPort,
                    "-jar", home.runnerJar().toString());
        }, child -> {
            HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
            ApicurioRegistry registry = new ApicurioRegistry(child, port, http);
            registry.awaitReady();
            registry.setGlobalCompatibility();
            return registry;
        });
    }

    private void awaitReady() {
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        HttpRequest probe = HttpRequest.newBuilder(URI.create(ccompatUrl() + "/subjects"))
                .timeout(REQUEST_TIMEOUT).GET().build();
        while (true) {
            child.failIfExited();
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
            child.failIfPastDeadline(deadline, READY_TIMEOUT, baseUrl());
            child.pause();
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

    /** Root of the server, e.g. {@code http://127.0.0.1:8081}. */
    public String baseUrl() {
        return "http://" + HOST + ":" + port();
    }

    /** Base of the Confluent-compatible API, e.g. {@code http://127.0.0.1:8081/apis/ccompat/v7}. */
    public String ccompatUrl() {
        return baseUrl() + CCOMPAT_PATH;
    }





}
