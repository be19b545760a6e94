package dev.clipstream.devstack.process;

/** The two steps every close() in the devstack takes: keep the first failure, and drop its shutdown hook. */
public final class Cleanup {

    private Cleanup() {
    }

    /**
     * The failure to throw after several cleanup steps: the first one, with later ones attached as suppressed, so
     * the error a user sees is the one that explains the rest.
     */
    public static RuntimeException firstOf(RuntimeException first, RuntimeException next) {
        if (first == null) {
            return next;
        }
        first.addSuppressed(next);
        return first;
    }

    /**
     * Removes {@code hook} unless it is the thread running now (a hook that closes its own object) or the JVM is
     * already shutting down, in which case the hook runs or has run and finds the object closed.
     */
    public static void removeShutdownHook(Thread hook) {
        if (Thread.currentThread() == hook) {
            return;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // The JVM is already shutting down.
        }
    }
}
