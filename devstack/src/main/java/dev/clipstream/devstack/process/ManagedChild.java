package dev.clipstream.devstack.process;

import dev.clipstream.devstack.DevStackException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.IntFunction;
import java.util.function.Supplier;

/**
 * A child JVM together with the directory it owns, stopped and cleaned up as one: {@link #close()} stops the
 * process and deletes the directory, and a shutdown hook does the same on JVM exit. Also the readiness-wait
 * helpers both devstack children share.
 */
public final class ManagedChild implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ManagedChild.class);
    private static final int ATTEMPTS_ON_PORT_CLASH = 3;
    private static final Duration POLL_INTERVAL = Duration.ofMillis(100);

    private final String name;
    private final Path dir;
    private final ChildProcess process;
    private final Consumer<Path> removeDir;
    private final Thread shutdownHook;
    private final CompletableFuture<String> unexpectedExit = new CompletableFuture<>();
    private boolean closed;
    /** Set before close() stops the process, read by the exit callback: an exit we caused is not unexpected. */
    private volatile boolean stopRequested;

    private ManagedChild(String name, Path dir, ChildProcess process, Consumer<Path> removeDir) {
        this.name = name;
        this.dir = dir;
        this.process = process;
        this.removeDir = removeDir;
        this.shutdownHook = new Thread(this::close, name.toLowerCase().replace(' ', '-') + "-shutdown");
        process.onExit().thenRun(this::reportExitUnlessStopped);
    }

    private void reportExitUnlessStopped() {
        if (!stopRequested) {
            // Read now: the log is still there, nobody deletes the dir before close().
            unexpectedExit.complete(process.describeExit("exited unexpectedly"));
        }
    }

    /**
     * Creates {@code dir}, lets {@code prepare} write the child's files there and return its command, launches it
     * (output to {@code dir/logFileName}) and returns what {@code awaitReady} makes of it once ready. On any
     * failure nothing is left: the child is stopped and {@code dir} deleted.
     *
     * @param address where the child will serve, for the log line and error messages
     */
    public static <T> T start(String name, String address, Path dir, String logFileName,
                              Supplier<List<String>> prepare, Function<ManagedChild, T> awaitReady) {
        return start(name, address, dir, logFileName, prepare, awaitReady, WorkDirs::deleteRecursively);
    }

    /** As above, with the directory removal given, so a test can make the cleanup fail. */
    static <T> T start(String name, String address, Path dir, String logFileName,
                       Supplier<List<String>> prepare, Function<ManagedChild, T> awaitReady,
                       Consumer<Path> removeDir) {
        long startNanos = System.nanoTime();
        WorkDirs.createDirectories(dir);
        ManagedChild child = null;
        try {
            List<String> command = prepare.get();
            child = new ManagedChild(name, dir, ChildProcess.launch(name, command, dir, dir.resolve(logFileName)),
                    removeDir);
            Runtime.getRuntime().addShutdownHook(child.shutdownHook);
            T ready = awaitReady.apply(child);
            LOG.info("{} up at {} in {} ms (pid {}, log {})", name, address,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos), child.process().pid(),
                    child.process().logFile());
            return ready;
        } catch (RuntimeException e) {
            // The start error carries the child's log tail: a failing cleanup must not replace it.
            ManagedChild launched = child;
            Cleanup.afterFailure(e, launched != null ? launched::close : () -> removeDir.accept(dir));
            throw e;
        }
    }

    /**
     * Calls {@code startOnce} with {@code requestedPort}, or with a free port when it is 0. A free port can be
     * taken by another process before the child binds it; then the child fails with {@link PortClashException}
     * and this tries again with a fresh port, a few times. A port the user chose is tried once.
     */
    public static <T> T startWithPortRetries(String name, int requestedPort, IntFunction<T> startOnce) {
        if (requestedPort < 0 || requestedPort > 65535) {
            throw new IllegalArgumentException(name + " port must be 0 (pick a free port) or 1-65535, got "
                    + requestedPort);
        }
        FreePorts.requireFree(name, requestedPort);
        int attempts = requestedPort == 0 ? ATTEMPTS_ON_PORT_CLASH : 1;
        for (int attempt = 1; ; attempt++) {
            try {
                return startOnce.apply(FreePorts.orPick(requestedPort));
            } catch (PortClashException e) {
                if (attempt >= attempts) {
                    throw new DevStackException(e.getMessage());
                }
                LOG.debug("{} port was taken meanwhile, retrying with fresh ports: {}", name, e.getMessage());
            }
        }
    }

    /** Throws, with the child's last output, when it has exited while we wait for it to become ready. */
    public void failIfExited() {
        if (!process.isAlive()) {
            String message = name + " failed to start: " + process.describeExit();
            if (process.failedToBindPort()) {
                throw new PortClashException(message);
            }
            throw new DevStackException(message);
        }
    }

    /** Throws, with the child's last output, once {@code deadlineNanos} (of {@link System#nanoTime()}) has passed. */
    public void failIfPastDeadline(long deadlineNanos, Duration timeout, String address) {
        if (System.nanoTime() > deadlineNanos) {
            throw new DevStackException(name + " at " + address + " was not ready within " + timeout.toSeconds()
                    + " s; last lines of " + process.logFile() + ":" + System.lineSeparator() + process.logTail(40));
        }
    }

    /** Waits one poll interval between readiness probes. */
    public void pause() {
        try {
            Thread.sleep(POLL_INTERVAL.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DevStackException("Interrupted while waiting for " + name, e);
        }
    }

    public ChildProcess process() {
        return process;
    }

    public Path dir() {
        return dir;
    }

    /**
     * Completes, with a message naming this child, its exit status and the tail of its log, when the process exits
     * without {@link #close()} having stopped it. Never completes for a child that close() stopped.
     */
    public CompletableFuture<String> unexpectedExit() {
        return unexpectedExit.copy();
    }

    /** Stops the child (SIGTERM, then SIGKILL if it hangs) and deletes its directory. Idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        stopRequested = true;
        long startNanos = System.nanoTime();
        Cleanup.runAll(process::stop, () -> removeDir.accept(dir), this::removeShutdownHook);
        LOG.debug("{} stopped in {} ms", name, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNanos));
    }

    /**
     * Stops the process (SIGTERM, then SIGKILL if it hangs) but keeps its directory, for a restart in the same dir.
     * The exit is not reported as unexpected; {@link #close()} still deletes the directory later.
     */
    public synchronized void stopKeepingDir() {
        stopRequested = true;
        process.stop();
    }

    /**
     * After {@link #stopKeepingDir()}: gives the directory up to a successor child started in it. This object's
     * shutdown hook goes and {@link #close()} becomes a no-op, so it never deletes what the successor uses.
     */
    public synchronized void handOverDir() {
        if (process.isAlive()) {
            throw new IllegalStateException(name + " (pid " + process.pid() + ") still runs; stop it first");
        }
        closed = true;
        removeShutdownHook();
    }

    private void removeShutdownHook() {
        Cleanup.removeShutdownHook(shutdownHook);
    }

    /** The child could not bind its port, most likely taken between our check and its bind. */
    public static final class PortClashException extends RuntimeException {
        PortClashException(String message) {
            super(message);
        }
    }
}
