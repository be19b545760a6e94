package dev.clipstream.devstack.process;

import dev.clipstream.devstack.DevStackException;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * A child process whose stdout and stderr go to a log file and whose stdin stays an open pipe for as long as
 * this object lives, so that a {@link StdinWatchdog} in the child sees EOF when the parent dies.
 */
public final class ChildProcess {

    private static final Duration GRACEFUL_STOP = Duration.ofSeconds(20);
    private static final Duration FORCED_STOP = Duration.ofSeconds(10);
    private static final int TAIL_BYTES = 16 * 1024;

    private final String name;
    private final Process process;
    private final Path logFile;

    private ChildProcess(String name, Process process, Path logFile) {
        this.name = name;
        this.process = process;
        this.logFile = logFile;
    }

    public static ChildProcess launch(String name, List<String> command, Path workingDir, Path logFile) {
        return launch(name, command, workingDir, logFile, Map.of());
    }

    /** As above, with {@code environment} added to (and overriding) this JVM's environment. */
    public static ChildProcess launch(String name, List<String> command, Path workingDir, Path logFile,
                                      Map<String, String> environment) {
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(workingDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(logFile.toFile()))
                .redirectInput(ProcessBuilder.Redirect.PIPE);
        builder.environment().putAll(environment);
        try {
            return new ChildProcess(name, builder.start(), logFile);
        } catch (IOException e) {
            throw new DevStackException("Could not launch " + name + " (" + command.get(0) + "): " + e.getMessage(), e);
        }
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public Path logFile() {
        return logFile;
    }

    /** Exit status, or -1 while running. */
    public int exitStatus() {
        return process.isAlive() ? -1 : process.exitValue();
    }

    /** SIGTERM, so the child runs its shutdown hooks; SIGKILL if it does not exit in time. Idempotent. */
    public void stop() {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(GRACEFUL_STOP.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                if (!process.waitFor(FORCED_STOP.toMillis(), TimeUnit.MILLISECONDS)) {
                    throw new DevStackException(name + " (pid " + pid() + ") did not exit even after SIGKILL");
                }
            }
        } catch (InterruptedException e) {
            // Returning at once would let the caller delete the child's dir while it still writes there.
            process.destroyForcibly();
            boolean exited = awaitExitUninterruptibly(FORCED_STOP);
            Thread.currentThread().interrupt();
            if (!exited) {
                throw new DevStackException(name + " (pid " + pid() + ") did not exit even after SIGKILL");
            }
        } finally {
            closeStdin();
        }
    }

    /** Waits up to {@code timeout} for the process to exit, ignoring interrupts; true if it exited. */
    private boolean awaitExitUninterruptibly(Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            try {
                return process.waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException ignored) {
                // The caller re-interrupts its thread once the process is gone.
            }
        }
    }

    /** Completes when the process has exited, for whatever reason. */
    public CompletableFuture<Process> onExit() {
        return process.onExit();
    }

    /** Closes the child's stdin, which a child with a {@link StdinWatchdog} takes as "parent gone". */
    public void closeStdin() {
        try {
            process.getOutputStream().close();
        } catch (IOException e) {
            // The child is gone; nothing to close.
        }
    }

    /** The last lines of the child's output, for error messages that show the user why it failed. */
    public String logTail(int maxLines) {
        if (!Files.exists(logFile)) {
            return "(no output: " + logFile + " was not written)";
        }
        try (RandomAccessFile file = new RandomAccessFile(logFile.toFile(), "r")) {
            long start = Math.max(0, file.length() - TAIL_BYTES);
            byte[] bytes = new byte[(int) (file.length() - start)];
            file.seek(start);
            file.readFully(bytes);
            List<String> lines = Arrays.asList(new String(bytes, StandardCharsets.UTF_8).split("\\R"));
            List<String> tail = lines.subList(Math.max(0, lines.size() - maxLines), lines.size());
            return tail.isEmpty() ? "(no output)" : tail.stream().collect(Collectors.joining(System.lineSeparator()));
        } catch (IOException e) {
            return "(could not read " + logFile + ": " + e.getMessage() + ")";
        }
    }

    /** Whether the child's output says it could not bind a port (a race with another process taking it). */
    public boolean failedToBindPort() {
        String tail = logTail(200);
        return tail.contains("Address already in use") || tail.contains("BindException")
                || tail.contains("Port already bound");
    }

    public String describeExit() {
        return describeExit("exited");
    }

    /** E.g. "Kafka broker (pid 42) exited unexpectedly with status 137; last lines of ...". */
    public String describeExit(String exited) {
        return name + " (pid " + pid() + ") " + exited + " with status " + exitStatus() + "; last lines of " + logFile
                + ":" + System.lineSeparator() + logTail(40);
    }
}
