package dev.clipstream.backends.sim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clipstream.backends.api.JobRequest;
import dev.clipstream.backends.api.Priority;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Same seed and same requests at the same simulated times: the same events, to the nanosecond. */
class ReproducibilityTest {

    private static final Instant START = Instant.parse("2026-11-01T00:00:00Z");

    @Test
    void sameSeedGivesTheSameEventSequence() {
        List<SimEvent> first = run(SimulatedBackendSettings.nvidiaDefaults(), 42);
        List<SimEvent> second = run(SimulatedBackendSettings.nvidiaDefaults(), 42);
        assertThat(first).hasSizeGreaterThan(100);
        assertThat(first).extracting(SimEvent::type).contains(SimEvent.Type.PREEMPTED,
                SimEvent.Type.CAPACITY_CHANGED, SimEvent.Type.SUCCEEDED);
        assertThat(second).isEqualTo(first);
        assertThat(run(SimulatedBackendSettings.nvidiaDefaults(), 43)).isNotEqualTo(first);

        List<SimEvent> dojo = run(SimulatedBackendSettings.dojoDefaults().withOutages(
                new OutageModel(2, Duration.ofMinutes(30))), 7);
        assertThat(dojo).extracting(SimEvent::type).contains(SimEvent.Type.OUTAGE_STARTED,
                SimEvent.Type.MAINTENANCE_STARTED, SimEvent.Type.FAILED);
        assertThat(run(SimulatedBackendSettings.dojoDefaults().withOutages(
                new OutageModel(2, Duration.ofMinutes(30))), 7)).isEqualTo(dojo);
    }

    /** Three simulated days: a batch every 10 minutes. */
    private static List<SimEvent> run(SimulatedBackendSettings settings, long seed) {
        SimulatedClock clock = SimulatedClock.manual(START);
        BackendSimulator sim = new BackendSimulator(settings.withSeed(seed), clock);
        for (int i = 0; i < 3 * 24 * 6; i++) {
            try {
                sim.submit(new JobRequest("batch-" + i, "c", 50, 2000 + (i % 7) * 1000, 36,
                        i % 3 == 0 ? Priority.REPLAY : Priority.LIVE));
            } catch (BackendDownException down) {
                // part of the sequence too: the next batch comes 10 minutes later either way
            }
            clock.advance(Duration.ofMinutes(10));
        }
        sim.tick();
        return sim.events();
    }
}
