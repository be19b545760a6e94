package dev.clipstream.dispatch.app;

import dev.clipstream.backends.api.BackendStatusView;
import dev.clipstream.backends.api.JobView;
import dev.clipstream.backends.api.TrainingBackendClient;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls one backend's status and job list on a thread of its own and hands each result to the dispatch loop. A
 * silent backend costs this thread its client's timeout per poll, never the loop.
 */
final class BackendMonitor implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BackendMonitor.class);

    private final TrainingBackendClient client;
    private final Consumer<BackendObservation> sink;
    private final ScheduledExecutorService thread;
    private volatile boolean lastAnswered = true;

    BackendMonitor(TrainingBackendClient client, Duration interval, Consumer<BackendObservation> sink) {
        this.client = client;
        this.sink = sink;
        this.thread = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread t = new Thread(runnable, "dispatch-monitor-" + client.name());
            t.setDaemon(true);
            return t;
        });
        thread.scheduleWithFixedDelay(this::pollOnce, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void pollOnce() {
        long requestedAt = System.nanoTime();
        try {
            BackendStatusView status = client.status();
            List<JobView> jobs = client.jobs();
            if (!lastAnswered) {
                LOG.info("Backend {} answers again (state {})", client.name(), status.state());
            }
            lastAnswered = true;
            sink.accept(BackendObservation.answered(client.name(), requestedAt, status, jobs));
        } catch (RuntimeException e) {
            if (lastAnswered) {
                LOG.warn("Backend {} does not answer: {}", client.name(), e.getMessage());
            }
            lastAnswered = false;
            sink.accept(BackendObservation.silent(client.name(), requestedAt, String.valueOf(e.getMessage())));
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
