package dev.clipstream.devstack.process;

/** The two steps every close() in the devstack takes: keep the first failure, and drop its shutdown hook. */
public final class Cleanup {

    private Cleanup() {
    }

    /**
     * Runs every step, also after one failed, then throws the first failure with the later ones attached as
     * suppressed, so the error a user sees is the one that explains the rest.
     */
    public static void runAll(Runnable... steps) {
        RuntimeException failure = afterFailure(null, steps);
        if (failure != null) {
            throw failure;
        }
    }

    /**
     * Runs every step after {@code failure} (which may be null) and returns it with the steps' failures attached
     * as suppressed; with no earlier failure, the first step failure is returned. For cleanup after a failed
     * start, whose error (with a child's log tail, say) must stay the one thrown.
     */
    public static RuntimeException afterFailure(RuntimeException failure, Runnable... steps) {
        for (Runnable step : steps) {
            try {
                step.run();
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        return failure;
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
