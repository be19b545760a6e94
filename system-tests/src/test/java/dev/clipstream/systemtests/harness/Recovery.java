package dev.clipstream.systemtests.harness;

import dev.clipstream.devstack.service.ServiceProcess;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.Callable;

import static org.awaitility.Awaitility.await;

/** Restarts a killed service and measures how long until it has recovered by the scenario's definition. */
public final class Recovery {

    private static final Logger LOG = LoggerFactory.getLogger(Recovery.class);

    private Recovery() {
    }

    /**
     * {@link ServiceProcess#restart()} (waits for /readyz), then waits until {@code recovered} holds; returns the
     * time from the restart call to that point.
     */
    public static Duration restartAndAwait(ServiceProcess service, String what, Callable<Boolean> recovered,
                                           Duration timeout) {
        long start = System.nanoTime();
        service.restart();
        Duration ready = Duration.ofNanos(System.nanoTime() - start);
        await(what).atMost(timeout).pollInterval(Duration.ofMillis(250)).ignoreExceptions().until(recovered);
        Duration total = Duration.ofNanos(System.nanoTime() - start);
        LOG.info("{} restarted: ready after {} ms, recovered ({}) after {} ms", service.spec().name(),
                ready.toMillis(), what, total.toMillis());
        return total;
    }
}
