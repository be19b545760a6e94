package dev.clipstream.backends.sim;

import dev.clipstream.backends.api.BackendKindName;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Everything a simulated backend needs. Defaults ({@link #dojoDefaults()}, {@link #nvidiaDefaults()}) come from
 * published figures, see docs/training-backends.md; costs are illustrative assumptions.
 *
 * @param host                  bind address of the HTTP server
 * @param port                  HTTP port; 0 = any free port
 * @param timeScale             simulated seconds per real second (60 = a simulated minute per real second)
 * @param seed                  seeds every random process (outages, preemptions, supply); same seed, same events
 * @param simulatedStart        simulated time at start; null = the real time at start
 * @param capacityUnits         units at start (training tiles, GPUs)
 * @param unitsPerJob           units every job occupies while running
 * @param costPerUnitHourUsd    cost of one unit for one simulated hour
 * @param preemptionRatePerHour spot-like preemptions per simulated hour (each hits one running job); 0 = none
 * @param tickInterval          real time between the scheduler thread's advances of the model
 */
public record SimulatedBackendSettings(String name, BackendKindName kind, String host, int port, double timeScale,
                                       long seed, Instant simulatedStart, int capacityUnits, int unitsPerJob,
                                       ThroughputModel throughput, double costPerUnitHourUsd,
                                       MaintenancePlan maintenance, OutageModel outages,
                                       double preemptionRatePerHour, SupplyWalk supply, Duration tickInterval) {

    /** Peak BF16 FLOP/s of one Dojo training tile: 25 D1 chips x 362 TFLOPS (Tesla, AI Day 2021). */
    public static final double DOJO_TILE_PEAK_FLOPS = 25 * 362e12;
    /** Peak dense BF16 FLOP/s of one H100 SXM (Nvidia data sheet: 1,979 TFLOPS with sparsity, half dense). */
    public static final double H100_PEAK_FLOPS = 989.5e12;
    /** Assumed model FLOP utilisation of a training job. */
    public static final double DEFAULT_UTILISATION = 0.4;
    /** Assumed training work per video frame (forward + backward over all epochs). */
    public static final double DEFAULT_WORK_PER_FRAME_FLOP = 1e15;

    public SimulatedBackendSettings {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(throughput, "throughput");
        Objects.requireNonNull(maintenance, "maintenance");
        Objects.requireNonNull(outages, "outages");
        Objects.requireNonNull(supply, "supply");
        Objects.requireNonNull(tickInterval, "tickInterval");
        if (name.isBlank()) {
            throw new IllegalArgumentException("backend name must not be blank");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be between 0 and 65535, was " + port);
        }
        ThroughputModel.requirePositive("timeScale", timeScale);
        if (capacityUnits < 0) {
            throw new IllegalArgumentException("capacity must not be negative, was " + capacityUnits);
        }
        if (unitsPerJob <= 0) {
            throw new IllegalArgumentException("unitsPerJob must be positive, was " + unitsPerJob);
        }
        if (!(costPerUnitHourUsd >= 0) || Double.isInfinite(costPerUnitHourUsd)) {
            throw new IllegalArgumentException("cost per unit-hour must be >= 0, was " + costPerUnitHourUsd);
        }
        if (!(preemptionRatePerHour >= 0) || Double.isInfinite(preemptionRatePerHour)) {
            throw new IllegalArgumentException("preemption rate must be >= 0, was " + preemptionRatePerHour);
        }
        if (tickInterval.isZero() || tickInterval.isNegative()) {
            throw new IllegalArgumentException("tick interval must be positive, was " + tickInterval);
        }
    }

    /**
     * One Dojo ExaPOD: 120 training tiles, 12 tiles per job, $15 per tile-hour (assumption), a 1 h maintenance
     * window every 24 h (first 20 h after start), 0.25 random outages per day lasting 30 min on average.
     */
    public static SimulatedBackendSettings dojoDefaults() {
        return new SimulatedBackendSettings("dojo", BackendKindName.DOJO, "127.0.0.1", 8091, 60.0, 1L, null, 120, 12,
                new ThroughputModel(DOJO_TILE_PEAK_FLOPS, DEFAULT_UTILISATION, DEFAULT_WORK_PER_FRAME_FLOP), 15.0,
                new MaintenancePlan(Duration.ofHours(24), Duration.ofHours(1), Duration.ofHours(20)),
                new OutageModel(0.25, Duration.ofMinutes(30)), 0.0, SupplyWalk.none(), Duration.ofMillis(100));
    }

    /**
     * An H100 pool: 256 GPUs at start, walking by 32 every simulated hour within [64, 512], 32 GPUs per job,
     * $2.50 per GPU-hour (assumption), 0.5 spot-like preemptions per hour, no maintenance windows.
     */
    public static SimulatedBackendSettings nvidiaDefaults() {
        return new SimulatedBackendSettings("nvidia", BackendKindName.NVIDIA, "127.0.0.1", 8092, 60.0, 1L, null, 256,
                32, new ThroughputModel(H100_PEAK_FLOPS, DEFAULT_UTILISATION, DEFAULT_WORK_PER_FRAME_FLOP), 2.5,
                MaintenancePlan.none(), OutageModel.none(), 0.5,
                new SupplyWalk(Duration.ofHours(1), 32, 64, 512), Duration.ofMillis(100));
    }

    /** "TILE" for Dojo, "GPU" for Nvidia. */
    public String unitName() {
        return kind == BackendKindName.DOJO ? "TILE" : "GPU";
    }

    public SimulatedBackendSettings withName(String newName) {
        return new SimulatedBackendSettings(newName, kind, host, port, timeScale, seed, simulatedStart, capacityUnits,
                unitsPerJob, throughput, costPerUnitHourUsd, maintenance, outages, preemptionRatePerHour, supply,
                tickInterval);
    }

    public SimulatedBackendSettings withHost(String newHost) {
        return new SimulatedBackendSettings(name, kind, newHost, port, timeScale, seed, simulatedStart, capacityUnits,
                unitsPerJob, throughput, costPerUnitHourUsd, maintenance, outages, preemptionRatePerHour, supply,
                tickInterval);
    }

    public SimulatedBackendSettings withPort(int newPort) {
        return new SimulatedBackendSettings(name, kind, host, newPort, timeScale, seed, simulatedStart, capacityUnits,
                unitsPerJob, throughput, costPerUnitHourUsd, maintenance, outages, preemptionRatePerHour, supply,
                tickInterval);
    }

    public SimulatedBackendSettings withTimeScale(double newTimeScale) {
        return new SimulatedBackendSettings(name, kind, host, port, newTimeScale, seed, simulatedStart, capacityUnits,
                unitsPerJob, throughput, costPerUnitHourUsd, maintenance, outages, preemptionRatePerHour, supply,
                tickInterval);
    }

    public SimulatedBackendSettings withSeed(long newSeed) {
        return new SimulatedBackendSettings(name, kind, host, port, timeScale, newSeed, simulatedStart, capacityUnits,
                unitsPerJob, throughput, costPerUnitHourUsd, maintenance, outages, preemptionRatePerHour, supply,
                tickInterval);
    }

    public SimulatedBackendSettings withSimulatedStart(Instant newStart) {
        return new SimulatedBackendSettings(name, kind, host, port, timeScale, seed, newStart, capacityUnits,
                unitsPerJob, throughput, costPerUnitHourUsd, maintenance, outages, preemptionRatePerHour, supply,
                tickInterval);
    }

    /** Units at start; for Nvidia the supply walk's bounds widen to include it. */
    public SimulatedBackendSettings withCapacity(int units) {
        SupplyWalk newSupply = supply.enabled()
                ? new SupplyWalk(supply.interval(), supply.step(), Math.min(supply.minUnits(), units),
                        Math.max(supply.maxUnits(), units))
                : supply;
        return new SimulatedBackendSettings(name, kind, host, port, timeScale, seed, simulatedStart, units,
                unitsPerJob, throughput, costPerUnitHourUsd, maintenance, outages, preemptionRatePerHour, newSupply,
                tickInterval);
    }

    public SimulatedBackendSettings withUnitsPerJob(int units) {
        return new SimulatedBackendSettings(name, kind, host, port, timeScale, seed, simulatedStart, capacityUnits,
                units, throughput, costPerUnitHourUsd, maintenance, outages, preemptionRatePerHour, supply,
                tickInterval);
    }

    public SimulatedBackendSettings withThroughput(ThroughputModel newThroughput) {
        return new SimulatedBackendSettings(name, kind, host, port, timeScale, seed, simulatedStart, capacityUnits,
                unitsPerJob, newThroughput, costPerUnitHourUsd, maintenance, outages, preemptionRatePerHour, supply,
                tickInterval);
    }

    public SimulatedBackendSettings withCostPerUnitHourUsd(double cost) {
        return new SimulatedBackendSettings(name, kind, host, port, timeScale, seed, simulatedStart, capacityUnits,
                unitsPerJob, throughput, cost, maintenance, outages, preemptionRatePerHour, supply, tickInterval);
    }

    public SimulatedBackendSettings withMaintenance(MaintenancePlan plan) {
        return new SimulatedBackendSettings(name, kind, host, port, timeScale, seed, simulatedStart, capacityUnits,
                unitsPerJob, throughput, costPerUnitHourUsd, plan, outages, preemptionRatePerHour, supply,
                tickInterval);
    }

    public SimulatedBackendSettings withOutages(OutageModel model) {
        return new SimulatedBackendSettings(name, kind, host, port, timeScale, seed, simulatedStart, capacityUnits,
                unitsPerJob, throughput, costPerUnitHourUsd, maintenance, model, preemptionRatePerHour, supply,
                tickInterval);
    }

    public SimulatedBackendSettings withPreemptionRatePerHour(double rate) {
        return new SimulatedBackendSettings(name, kind, host, port, timeScale, seed, simulatedStart, capacityUnits,
                unitsPerJob, throughput, costPerUnitHourUsd, maintenance, outages, rate, supply, tickInterval);
    }

    public SimulatedBackendSettings withSupply(SupplyWalk walk) {
        return new SimulatedBackendSettings(name, kind, host, port, timeScale, seed, simulatedStart, capacityUnits,
                unitsPerJob, throughput, costPerUnitHourUsd, maintenance, outages, preemptionRatePerHour, walk,
                tickInterval);
    }

    public SimulatedBackendSettings withTickInterval(Duration interval) {
        return new SimulatedBackendSettings(name, kind, host, port, timeScale, seed, simulatedStart, capacityUnits,
                unitsPerJob, throughput, costPerUnitHourUsd, maintenance, outages, preemptionRatePerHour, supply,
                interval);
    }

    /**
     * No maintenance windows, random outages, preemptions or supply changes: only the faults a test injects happen.
     * What integration tests of the dispatcher want.
     */
    public SimulatedBackendSettings withoutRandomFaults() {
        return withMaintenance(MaintenancePlan.none()).withOutages(OutageModel.none()).withPreemptionRatePerHour(0)
                .withSupply(SupplyWalk.none());
    }
}
