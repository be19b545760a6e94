package dev.clipstream.devstack.process;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Makes a child JVM exit when its parent dies: the parent keeps the child's stdin pipe open, and the OS
 * closes it when the parent goes away, even after kill -9. EOF on stdin then means "parent gone".
 *
 * <p>A parent that was killed cannot delete the child's directory any more, so the child can be told to do it:
 * {@link #deleteOnParentGone(Path)}, or the agent argument.
 *
 * <p>Used directly by our own mains and, as a java agent ({@link #premain}), by children whose main we do not
 * own. Deliberately depends on nothing but the JDK, and uses no nested or anonymous classes, because the agent
 * jar holds only this one class file.
 */
public final class StdinWatchdog {

    /** Exit status of a child that stopped because its parent went away. */
    public static final int PARENT_GONE_EXIT_STATUS = 3;

    private static final int DELETE_ATTEMPTS = 20;
    private static final long DELETE_RETRY_MILLIS = 250;

    private static volatile boolean parentGone;

    private StdinWatchdog() {
    }

    /** {@code args}, if given, is the directory the child owns: it is deleted when the parent is gone. */
    public static void premain(String args, Instrumentation instrumentation) {
        start();
        if (args != null && !args.isBlank()) {
            deleteOnParentGone(Path.of(args));
        }
    }

    public static void start() {
        Thread watcher = new Thread(StdinWatchdog::awaitEofThenExit, "stdin-watchdog");
        watcher.setDaemon(true);
        watcher.start();
    }

    /**
     * Whether stdin has closed: the parent is gone, or it is stopping this child (the JDK's Process.destroy()
     * closes the pipe right after the signal). Either way the parent no longer needs the child's files. False
     * when the child exits on its own, e.g. a failed start, whose log the parent still wants to show.
     */
    public static boolean parentGone() {
        return parentGone;
    }

    /**
     * Registers a shutdown hook that deletes {@code dir} if the JVM exits with {@link #parentGone()}. Other hooks
     * of the child (e.g. a server's) run at the same time and may still write there, so the delete is retried.
     */
    public static void deleteOnParentGone(Path dir) {
        Path absolute = dir.toAbsolutePath();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            if (parentGone) {
                deleteWithRetries(absolute);
            }
        }, "stdin-watchdog-cleanup"));
    }

    /** Best effort, for a JVM on its way out: retries while files still appear or vanish, then gives up. */
    public static void deleteWithRetries(Path dir) {
        for (int attempt = 1; attempt <= DELETE_ATTEMPTS && Files.exists(dir); attempt++) {
            try (Stream<Path> paths = Files.walk(dir)) {
                paths.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            } catch (IOException | RuntimeException e) {
                // Something changed under us; the next attempt walks again.
            }
            if (Files.exists(dir)) {
                pauseBeforeRetry();
            }
        }
        if (Files.exists(dir)) {
            System.err.println("stdin-watchdog: could not delete " + dir);
        }
    }

    private static void pauseBeforeRetry() {
        try {
            Thread.sleep(DELETE_RETRY_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void awaitEofThenExit() {
        InputStream in = System.in;
        byte[] buffer = new byte[256];
        try {
            while (in.read(buffer) >= 0) {
                // Input is ignored; only the end of the stream matters.
            }
        } catch (IOException e) {
            // A broken pipe means the same as EOF: nobody is on the other end.
        }
        parentGone = true;
        System.err.println("stdin-watchdog: parent process is gone (stdin closed), exiting");
        System.exit(PARENT_GONE_EXIT_STATUS);
    }
}
