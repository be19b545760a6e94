package dev.clipstream.devstack.process;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

/** A server the devstack runs in a {@link ManagedChild}, listening on one port of 127.0.0.1. */
public abstract class ChildService implements AutoCloseable {

    protected final ManagedChild child;
    private final int port;

    protected ChildService(ManagedChild child, int port) {
        this.child = child;
        this.port = port;
    }

    public int port() {
        return port;
    }

    public long pid() {
        return child.process().pid();
    }

    public Path dir() {
        return child.dir();
    }

    /** Completes with a message (exit status, log tail) if the child exits without {@link #close()}. */
    public CompletableFuture<String> unexpectedExit() {
        return child.unexpectedExit();
    }

    /** Stops the child (SIGTERM, then SIGKILL if it hangs) and deletes its directory. Idempotent. */
    @Override
    public void close() {
        child.close();
    }
}
