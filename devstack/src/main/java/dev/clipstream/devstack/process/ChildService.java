package dev.clipstream.devstack.process;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;

/**
 * A server the devstack runs in a {@link ManagedChild}, listening on one port of 127.0.0.1. A subclass that
 * restarts its server (same port, same dir) hands over to the new child with {@link #replaceChild(ManagedChild)}.
 */
public abstract class ChildService implements AutoCloseable {

    protected volatile ManagedChild child;
    private final int port;
    private final CompletableFuture<String> unexpectedExit = new CompletableFuture<>();

    protected ChildService(ManagedChild child, int port) {
        this.child = child;
        this.port = port;
        forwardUnexpectedExit(child);
    }

    /** From now on {@code next} is this service's process; its unexpected exit is reported as the service's. */
    protected final void replaceChild(ManagedChild next) {
        child = next;
        forwardUnexpectedExit(next);
    }

    private void forwardUnexpectedExit(ManagedChild from) {
        from.unexpectedExit().thenAccept(unexpectedExit::complete);
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
        return unexpectedExit.copy();
    }

    /** Stops the child (SIGTERM, then SIGKILL if it hangs) and deletes its directory. Idempotent. */
    @Override
    public void close() {
        child.close();
    }
}
