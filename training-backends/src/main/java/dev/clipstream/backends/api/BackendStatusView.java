package dev.clipstream.backends.api;

import java.time.Instant;

/**
 * What a backend can take right now. {@code state} is "UP", "DOWN" or "MAINTENANCE"; {@code unit} is "TILE" or
 * "GPU"; {@code freeJobSlots} = freeUnits / unitsPerJob (0 while not up).
 */
public record BackendStatusView(String name, BackendKindName kind, boolean up, String state, String unit,
                                int capacityUnits, int freeUnits, int unitsPerJob, int freeJobSlots,
                                int queuedJobs, int runningJobs, double costPerUnitHourUsd,
                                Instant simulatedTime, double timeScale) {
}
