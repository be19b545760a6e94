package dev.clipstream.backends.sim;

import dev.clipstream.backends.api.JobState;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.ToDoubleFunction;

/**
 * The backend's meters (Prometheus names): clipstream_backend_up, _capacity_units, _free_units, _used_units,
 * _queued_jobs, _running_jobs, _slowdown_factor, clipstream_backend_jobs_submitted_total,
 * clipstream_backend_jobs_finished_total{state}, clipstream_backend_simulated_cost_usd_total.
 */
final class BackendMetrics {

    private BackendMetrics() {
    }

    static void bind(MeterRegistry registry, BackendSimulator simulator) {
        gauge(registry, simulator, "clipstream.backend.up", "1 while the backend takes jobs, else 0",
                s -> s.status().up() ? 1 : 0);
        gauge(registry, simulator, "clipstream.backend.capacity.units", "Units (tiles, GPUs) the backend has",
                s -> s.status().capacityUnits());
        gauge(registry, simulator, "clipstream.backend.free.units", "Units free for new jobs (0 while not up)",
                s -> s.status().freeUnits());
        gauge(registry, simulator, "clipstream.backend.used.units", "Units occupied by running jobs",
                BackendSimulator::usedUnitsNow);
        gauge(registry, simulator, "clipstream.backend.queued.jobs", "Jobs waiting for units",
                s -> s.status().queuedJobs());
        gauge(registry, simulator, "clipstream.backend.running.jobs", "Jobs running now",
                s -> s.status().runningJobs());
        FunctionCounter.builder("clipstream.backend.jobs.submitted", simulator, BackendSimulator::submittedCount)
                .description("Jobs created (idempotent repeats not counted)")
                .register(registry);
        for (JobState state : JobState.values()) {
            if (state.isFinal()) {
                FunctionCounter.builder("clipstream.backend.jobs.finished", simulator, s -> s.finishedCount(state))
                        .description("Jobs that reached a final state")
                        .tag("state", state.name())
                        .register(registry);
            }
        }
        FunctionCounter.builder("clipstream.backend.simulated.cost.usd", simulator, BackendSimulator::totalCostUsd)
                .description("Simulated cost of all jobs so far (units x cost per unit-hour x run time)")
                .register(registry);
    }

    private static void gauge(MeterRegistry registry, BackendSimulator simulator, String name, String description,
                              ToDoubleFunction<BackendSimulator> value) {
        Gauge.builder(name, simulator, value).description(description).register(registry);
    }
}
