package dev.clipstream.devstack.service;

import dev.clipstream.devstack.DevStackException;
import dev.clipstream.devstack.process.ChildProcess;
import dev.clipstream.devstack.process.Cleanup;
import dev.clipstream.devstack.process.JavaCommand;
import dev.clipstream.devstack.process.WatchdogAgentJar;
import dev.clipstream.devstack.process.WorkDirs;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One Clipstream service (e.g. {@code clipstream labeling --config FILE}) in a child JVM of its own, for tests and
 * tools that must kill, restart or measure a service apart from the others.
 *
 * <p>The child exits by itself when this JVM dies (a stdin watchdog agent), so a crashed test leaves no orphan.
 * Each launch logs to {@code dir/<name>-<n>.log}; {@link #kill()} keeps {@code dir}, so a restart finds the
 * service's state (e.g. a Streams state dir configured under it) exactly as a crash left it.
 */
public final class ServiceProcess implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ServiceProcess.class);
    private static final Duration POLL_INTERVAL = Duration.ofMillis(200);
    private static final Duration KILL_WAIT = Duration.ofSeconds(10);

    private final ServiceSpec spec;
    private final Thread shutdownHook;
    private ChildProcess process;
    private int launches;
    private boolean closed;

    private ServiceProcess(ServiceSpec spec) {
        this.spec = spec;
        this.shutdownHook = new Thread(this::close, "service-" + spec.name() + "-shutdown");
    }

    /** Launches the service and waits until {@link ServiceSpec#readyUri()} answers 200 (if one is given). */
    public static ServiceProcess start(ServiceSpec spec) {
        WorkDirs.createDirectories(spec.dir());
        ServiceProcess service = new ServiceProcess(spec);
        Runtime.getRuntime().addShutdownHook(service.shutdownHook);
        try {
            service.launch();
            return service;
        } catch (RuntimeException e) {
            Cleanup.afterFailure(e, service::close);
            throw e;
        }
    }

    private synchronized void launch() {
        if (closed) {
            throw new IllegalStateException(spec.name() + " is closed");
        }
        launches++;
        long startNanos = System.nanoTime();
        Path agentJar = WatchdogAgentJar.writeTo(spec.dir().resolve("stdin-watchdog-agent.jar"));
        List<String> command = new ArrayList<>();
        command.add(JavaCommand.javaExecutable());
        command.addAll(spec.jvmOptions());
        command.add("-javaagent:" + agentJar);
        command.add("-Djava.awt.headless=true");
        command.add("-cp");
        command.add(JavaCommand.currentClassPath());
        command.add(spec.mainClass());
        command.addAll(spec.args());
        Path logFile = spec.dir().resolve(spec.name() + "-" + launches + ".log");
        process = ChildProcess.launch(spec.name(), command, spec.dir(), logFile, spec.environment());
        awaitReady();
        LOG.info("{} up in {} ms (pid {}, log {})", spec.name(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos), process.pid(), logFile);
    }

    private void awaitReady() {
        if (spec.readyUri() == null) {
            return;
        }
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest probe = HttpRequest.newBuilder(spec.readyUri()).timeout(Duration.ofSeconds(2)).GET().build();
        long deadline = System.nanoTime() + spec.readyTimeout().toNanos();
        while (true) {
            if (!process.isAlive()) {
                throw new DevStackException(spec.name() + " failed to start: " + process.describeExit());
            }
            try {
                if (http.send(probe, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // Not listening yet.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DevStackException("Interrupted while waiting for " + spec.name(), e);
            }
            if (System.nanoTime() > deadline) {
                throw new DevStackException(spec.name() + " was not ready at " + spec.readyUri() + " within "
                        + spec.readyTimeout().toSeconds() + " s; last lines of " + process.logFile() + ":"
                        + System.lineSeparator() + process.logTail(40));
            }
            pause();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(POLL_INTERVAL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DevStackException("Interrupted while waiting for a service", e);
        }
    }

    /** kill -9: no shutdown hook, no flush, no transaction abort. The dir stays for a {@link #restart()}. */
    public synchronized void kill() {
        ProcessHandle handle = ProcessHandle.of(process.pid()).orElse(null);
        if (handle != null && handle.destroyForcibly()) {
            try {
                handle.onExit().get(KILL_WAIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (Exception e) {
                throw new DevStackException(spec.name() + " (pid " + process.pid() + ") did not die after SIGKILL", e);
            }
        }
        LOG.info("{} (pid {}) killed with SIGKILL", spec.name(), process.pid());
    }

    /** SIGTERM and wait: the service runs its shutdown hooks (SIGKILL only if it hangs). */
    public synchronized void stop() {
        process.stop();
    }

    /** Launches the same service again (after {@link #kill()} or {@link #stop()}) and waits until it is ready. */
    public synchronized void restart() {
        if (process.isAlive()) {
            throw new IllegalStateException(spec.name() + " is still running (pid " + process.pid() + ")");
        }
        launch();
    }

    public synchronized long pid() {
        return process.pid();
    }

    public synchronized boolean isAlive() {
        return process.isAlive();
    }

    public synchronized Path logFile() {
        return process.logFile();
    }

    /** The last lines of the current launch's output, for assertion messages. */
    public synchronized String logTail(int maxLines) {
        return process.logTail(maxLines);
    }

    /** CPU time and resident memory of the running process, from /proc (Linux). */
    public synchronized ProcessStats stats() {
        return ProcessStats.of(process.pid());
    }

    public ServiceSpec spec() {
        return spec;
    }

    /** Stops the process if running and deletes its dir when {@link ServiceSpec#deleteDirOnClose()}. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        Cleanup.runAll(
                () -> {
                    if (process != null) {
                        process.stop();
                    }
                },
                () -> {
                    if (spec.deleteDirOnClose()) {
                        WorkDirs.deleteRecursively(spec.dir());
                    }
                },
                () -> Cleanup.removeShutdownHook(shutdownHook));
    }
}
