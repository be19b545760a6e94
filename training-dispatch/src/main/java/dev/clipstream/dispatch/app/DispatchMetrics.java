package dev.clipstream.dispatch.app;

import dev.clipstream.dispatch.state.BatchPhase;
import dev.clipstream.schemas.avro.DispatchEvent;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Collection;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The dispatcher's meters, all read from the latest {@link DispatchView}: queue depth, batches by backend and
 * phase, utilisation and availability per backend, simulated cost, and events written by decision.
 */
final class DispatchMetrics {

    private final AtomicReference<DispatchView> view;
    private final MeterRegistry registry;

    DispatchMetrics(MeterRegistry registry, AtomicReference<DispatchView> view, Collection<String> backends) {
        this.registry = registry;
        this.view = view;
        Gauge.builder("dispatch_queue_depth", () -> view.get().queueDepth())
                .description("Batches waiting for a backend").register(registry);
        Gauge.builder("dispatch_batches_completed", () -> view.get().completed())
                .description("Batches whose job succeeded").register(registry);
        FunctionCounter.builder("dispatch_dead_letters", view, v -> v.get().deadLetters())
                .description("Unreadable records of the batches topic committed to the dead-letter topic")
                .register(registry);
        for (BatchPhase phase : BatchPhase.values()) {
            Gauge.builder("dispatch_batches", () -> view.get().batchesByBackendAndPhase()
                            .getOrDefault("none|" + phase, 0L))
                    .tags("backend", "none", "state", phase.name())
                    .description("Batches by backend and state").register(registry);
        }
        for (String backend : backends) {
            for (BatchPhase phase : BatchPhase.values()) {
                if (phase == BatchPhase.WAITING) {
                    continue;
                }
                Gauge.builder("dispatch_batches", () -> view.get().batchesByBackendAndPhase()
                                .getOrDefault(backend + "|" + phase, 0L))
                        .tags("backend", backend, "state", phase.name())
                        .description("Batches by backend and state").register(registry);
            }
            Gauge.builder("dispatch_backend_utilisation", () -> view.get().utilisation().getOrDefault(backend, 0.0))
                    .tags("backend", backend)
                    .description("Busy capacity units / capacity units at the backend's last answer")
                    .register(registry);
            Gauge.builder("dispatch_backend_up", () -> view.get().backendUp().getOrDefault(backend, false) ? 1 : 0)
                    .tags("backend", backend)
                    .description("1 when the backend answered its last poll and said it is up").register(registry);
            Gauge.builder("dispatch_backend_free_job_slots", () -> view.get().freeJobSlots().getOrDefault(backend, 0))
                    .tags("backend", backend)
                    .description("Free job slots the backend reported last").register(registry);
            Gauge.builder("dispatch_simulated_cost_usd", () -> view.get().costUsd().getOrDefault(backend, 0.0))
                    .tags("backend", backend)
                    .description("Simulated cost of the jobs that ended on the backend since this instance started")
                    .register(registry);
        }
    }

    void recordWritten(DispatchEvent event) {
        Counter.builder("dispatch_events_written")
                .tags("decision", event.getDecision().name())
                .description("Dispatch events committed to the events topic")
                .register(registry).increment();
    }
}
