package dev.clipstream.backends.status;

import dev.clipstream.backends.api.BackendKindName;
import dev.clipstream.backends.api.BackendStatusView;
import dev.clipstream.backends.sim.BackendSimulator;
import dev.clipstream.schemas.avro.BackendKind;
import dev.clipstream.schemas.avro.BackendState;
import dev.clipstream.schemas.avro.BackendStatus;
import dev.clipstream.schemas.avro.CapacityUnit;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes a backend's status to the compacted backend-status topic (key = backend name): whenever what a
 * dispatcher acts on changes (state, capacity, free units, queue length), and at least every {@code interval} as a
 * heartbeat. {@code reportedAt} is real (wall-clock) time, so readers can judge staleness with their own clock.
 */
public final class BackendStatusPublisher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BackendStatusPublisher.class);

    private final BackendSimulator simulator;
    private final Producer<String, BackendStatus> producer;
    private final String topic;
    private final Duration interval;
    private final Clock wallClock;
    private final ScheduledExecutorService scheduler;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final AtomicBoolean failing = new AtomicBoolean();
    private Fingerprint lastPublished;
    private Instant lastPublishedAt = Instant.MIN;
    private long published;

    private BackendStatusPublisher(BackendSimulator simulator, Producer<String, BackendStatus> producer, String topic,
                                   Duration interval, Clock wallClock) {
        this.simulator = Objects.requireNonNull(simulator, "simulator");
        this.producer = Objects.requireNonNull(producer, "producer");
        this.topic = Objects.requireNonNull(topic, "topic");
        this.interval = Objects.requireNonNull(interval, "interval");
        this.wallClock = wallClock;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "backend-" + simulator.settings().name() + "-status-publisher");
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * Starts publishing: checks the status every {@code checkEvery} of real time. The producer is closed by
     * {@link #close()}.
     */
    public static BackendStatusPublisher start(BackendSimulator simulator, Producer<String, BackendStatus> producer,
                                               String topic, Duration interval, Duration checkEvery) {
        BackendStatusPublisher publisher = new BackendStatusPublisher(simulator, producer, topic, interval,
                Clock.systemUTC());
        long millis = Math.max(1, checkEvery.toMillis());
        publisher.scheduler.scheduleWithFixedDelay(publisher::publishIfDue, 0, millis, TimeUnit.MILLISECONDS);
        LOG.info("Publishing the status of backend {} to topic {} on change and every {}",
                simulator.settings().name(), topic, interval);
        return publisher;
    }

    /** The Avro record for a status. */
    public static BackendStatus toRecord(BackendStatusView status, Instant reportedAt) {
        return BackendStatus.newBuilder()
                .setBackendId(status.name())
                .setKind(status.kind() == BackendKindName.DOJO ? BackendKind.DOJO : BackendKind.NVIDIA)
                .setState(switch (status.state()) {
                    case "UP" -> BackendState.UP;
                    case "DOWN" -> BackendState.DOWN;
                    case "MAINTENANCE" -> BackendState.MAINTENANCE;
                    default -> BackendState.UNKNOWN;
                })
                .setCapacityUnit("GPU".equals(status.unit()) ? CapacityUnit.GPU : CapacityUnit.TRAINING_TILE)
                .setCapacity(status.capacityUnits())
                .setFreeCapacity(status.freeUnits())
                .setQueueLength(status.queuedJobs())
                .setCostPerUnitHour(BigDecimal.valueOf(status.costPerUnitHourUsd()).setScale(4, RoundingMode.HALF_UP))
                .setCostCurrency("USD")
                .setReportedAt(reportedAt)
                .build();
    }

    public synchronized long publishedCount() {
        return published;
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            scheduler.shutdownNow();
            try {
                scheduler.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            producer.close(Duration.ofSeconds(5));
        }
    }

    private synchronized void publishIfDue() {
        try {
            BackendStatusView status = simulator.status();
            Fingerprint now = Fingerprint.of(status);
            Instant wallNow = wallClock.instant();
            if (now.equals(lastPublished) && wallNow.isBefore(lastPublishedAt.plus(interval))) {
                return;
            }
            producer.send(new ProducerRecord<>(topic, status.name(), toRecord(status, wallNow)), (metadata, error) -> {
                if (error != null && failing.compareAndSet(false, true)) {
                    LOG.warn("Backend {}: publishing its status to {} failed (logged once until it works again): {}",
                            status.name(), topic, error.toString());
                } else if (error == null && failing.compareAndSet(true, false)) {
                    LOG.info("Backend {}: publishing its status to {} works again", status.name(), topic);
                }
            });
            lastPublished = now;
            lastPublishedAt = wallNow;
            published++;
        } catch (RuntimeException e) {
            if (failing.compareAndSet(false, true)) {
                LOG.warn("Backend {}: cannot publish its status to {}: {}", simulator.settings().name(), topic,
                        e.toString());
            }
        }
    }

    /** What a dispatcher acts on; a change of any of these is published at once. */
    private record Fingerprint(String state, int capacity, int free, int queued) {
        static Fingerprint of(BackendStatusView status) {
            return new Fingerprint(status.state(), status.capacityUnits(), status.freeUnits(), status.queuedJobs());
        }
    }
}
