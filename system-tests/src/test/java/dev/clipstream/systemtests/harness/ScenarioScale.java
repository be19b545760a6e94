package dev.clipstream.systemtests.harness;

/**
 * Sizes of the fault scenarios: small in CI, larger with {@code -Preliability} (system-tests/pom.xml sets these
 * properties there; docs/reliability.md lists them).
 */
public final class ScenarioScale {

    private ScenarioScale() {
    }

    /** Vehicles per fleet phase (each uploads {@link #clipsPerVehicle()} clips); default 15. */
    public static int vehiclesPerPhase() {
        return Integer.getInteger("reliability.vehicles.per.phase", 15);
    }

    /** Clips per vehicle and phase; default 5 (75 clips a phase). */
    public static int clipsPerVehicle() {
        return Integer.getInteger("reliability.clips.per.vehicle", 5);
    }

    /** How many times the kill scenarios kill -9 their service; default 3. */
    public static int kills() {
        return Integer.getInteger("reliability.kills", 3);
    }

    /** Seeded fleet of phase {@code phase} (0-based) of a scenario: its own seed, so its own clip ids. */
    public static SeededFleet phase(long scenarioSeed, int phase) {
        return SeededFleet.of(vehiclesPerPhase(), clipsPerVehicle(), scenarioSeed * 100 + phase);
    }
}
