package dev.clipstream.backends.sim;

import java.time.Duration;

/**
 * The "hang" fault: while on, job API requests are held without an answer, as a backend whose process is stuck
 * would. A held request is released when the switch goes off, the server closes, or after {@code maxHold}.
 */
final class HangSwitch {

    private boolean enabled;
    private boolean closed;

    synchronized void set(boolean on) {
        enabled = on;
        if (!on) {
            notifyAll();
        }
    }

    synchronized boolean enabled() {
        return enabled;
    }

    /** Blocks while the switch is on; returns true if the request may proceed, false if it was held too long. */
    synchronized boolean awaitRelease(Duration maxHold) throws InterruptedException {
        long deadline = System.nanoTime() + maxHold.toNanos();
        while (enabled && !closed) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return false;
            }
            wait(Math.max(1, left / 1_000_000));
        }
        return true;
    }

    synchronized void close() {
        closed = true;
        notifyAll();
    }
}
