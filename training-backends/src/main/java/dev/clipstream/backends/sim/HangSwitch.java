package dev.clipstream.backends.sim;

import java.util.concurrent.CompletableFuture;

/**
 * The "hang" fault: while on, job API requests are held without an answer, as a backend whose process is stuck
 * would. Held requests wait on {@link #released()} asynchronously, so they occupy no server thread and the fault
 * endpoints stay reachable however many requests pile up.
 */
final class HangSwitch {

    private CompletableFuture<Void> release = CompletableFuture.completedFuture(null);

    synchronized void set(boolean on) {
        if (on && release.isDone()) {
            release = new CompletableFuture<>();
        } else if (!on) {
            release.complete(null);
        }
    }

    synchronized boolean enabled() {
        return !release.isDone();
    }

    /** Completes when the switch goes off (or the server closes); already complete while off. */
    synchronized CompletableFuture<Void> released() {
        return release;
    }

    synchronized void close() {
        release.complete(null);
    }
}
