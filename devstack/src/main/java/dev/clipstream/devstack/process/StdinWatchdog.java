package dev.clipstream.devstack.process;

import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;

/**
 * Makes a child JVM exit when its parent dies: the parent keeps the child's stdin pipe open, and the OS
 * closes it when the parent goes away, even after kill -9. EOF on stdin then means "parent gone".
 *
 * <p>Used directly by our own mains and, as a java agent ({@link #premain}), by children whose main we do not
 * own. Deliberately depends on nothing but the JDK, because the agent jar holds only this class.
 */
public final class StdinWatchdog {

    /** Exit status of a child that stopped because its parent went away. */
    public static final int PARENT_GONE_EXIT_STATUS = 3;

    private StdinWatchdog() {
    }

    public static void premain(String args, Instrumentation instrumentation) {
        start();
    }

    public static void start() {
        Thread watcher = new Thread(StdinWatchdog::awaitEofThenExit, "stdin-watchdog");
        watcher.setDaemon(true);
        watcher.start();
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
        System.err.println("stdin-watchdog: parent process is gone (stdin closed), exiting");
        System.exit(PARENT_GONE_EXIT_STATUS);
    }
}
