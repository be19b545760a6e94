package dev.clipstream.ingest.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * The ingest meters: uploads and bytes accepted, rejections by reason (the error code), upload latency as a
 * Prometheus histogram by outcome, and uploads in flight.
 */
public final class IngestMetrics {

    private final MeterRegistry registry;
    private final Counter acceptedNew;
    private final Counter acceptedAgain;
    private final Counter bytesAccepted;

    public IngestMetrics(MeterRegistry registry, Supplier<Number> inFlight) {
        this.registry = registry;
        this.acceptedNew = Counter.builder("ingest.uploads.accepted").tag("outcome", "new")
                .description("Clips accepted and published").register(registry);
        this.acceptedAgain = Counter.builder("ingest.uploads.accepted").tag("outcome", "already-accepted")
                .description("Retried uploads of clips accepted before (no new event)").register(registry);
        this.bytesAccepted = Counter.builder("ingest.bytes.accepted").baseUnit("bytes")
                .description("Bytes of newly accepted clips").register(registry);
        registry.gauge("ingest.uploads.inflight", java.util.List.of(), inFlight, s -> s.get().doubleValue());
    }

    public void accepted(long bytes) {
        acceptedNew.increment();
        bytesAccepted.increment(bytes);
    }

    public void acceptedAgain() {
        acceptedAgain.increment();
    }

    public void rejected(String reason) {
        Counter.builder("ingest.uploads.rejected").tag("reason", reason)
                .description("Uploads refused, by error code").register(registry).increment();
    }

    /** @param outcome "201", "200", or the error code */
    public void latency(String outcome, long nanos) {
        Timer.builder("ingest.upload.latency").tag("outcome", outcome)
                .description("Time from request start to answer for PUT uploads")
                .publishPercentileHistogram()
                .maximumExpectedValue(Duration.ofMinutes(10))
                .register(registry).record(Duration.ofNanos(nanos));
    }
}
