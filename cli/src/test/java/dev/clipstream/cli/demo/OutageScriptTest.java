package dev.clipstream.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clipstream.backends.api.BackendFaults;
import dev.clipstream.backends.sim.SimulatedBackendServer;
import dev.clipstream.backends.sim.SimulatedBackendSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class OutageScriptTest {

    @Test
    void theOutageStartsAndEndsOnTheRealBackendAtItsTimes() {
        SimulatedBackendSettings settings = SimulatedBackendSettings.dojoDefaults().withPort(0).withoutRandomFaults();
        try (SimulatedBackendServer dojo = SimulatedBackendServer.start(settings)) {
            List<String> messages = new ArrayList<>();
            OutageScript script = new OutageScript(new BackendFaults(dojo.baseUri(), Duration.ofSeconds(15)), Duration.ofSeconds(10),
                    Duration.ofSeconds(5), messages::add);
            Instant t0 = Instant.parse("2026-11-29T06:00:00Z");

            script.tick(Duration.ofSeconds(9), t0, 1, 0, true);
            assertThat(script.state()).isEqualTo(OutageScript.State.PLANNED);
            assertThat(dojo.client(Duration.ofSeconds(15)).status().up()).isTrue();

            // Its time has come, but Dojo has not completed a batch yet: nothing could be seen falling back.
            script.tick(Duration.ofSeconds(10), t0.plusSeconds(1), 0, 0, true);
            assertThat(script.state()).isEqualTo(OutageScript.State.PLANNED);

            script.tick(Duration.ofSeconds(11), t0.plusSeconds(2), 1, 0, true);
            assertThat(script.state()).isEqualTo(OutageScript.State.DOWN);
            assertThat(dojo.client(Duration.ofSeconds(15)).status().up()).isFalse();

            script.tick(Duration.ofSeconds(15), t0.plusSeconds(6), 1, 3, true);
            assertThat(script.state()).as("before its length").isEqualTo(OutageScript.State.DOWN);
            script.tick(Duration.ofSeconds(16), t0.plusSeconds(7), 1, 0, true);
            assertThat(script.state()).as("no fallback seen yet").isEqualTo(OutageScript.State.DOWN);

            script.tick(Duration.ofSeconds(17), t0.plusSeconds(8), 1, 1, true);
            assertThat(script.state()).isEqualTo(OutageScript.State.RECOVERED);
            assertThat(dojo.client(Duration.ofSeconds(15)).status().up()).isTrue();
            assertThat(messages).hasSize(2);
            assertThat(messages.get(0)).contains("Injected a Dojo outage");
            assertThat(messages.get(1)).contains("Ended the Dojo outage");
        }
    }

    @Test
    void withoutAnyFallbackTheOutageEndsAfterThreeTimesItsLength() {
        SimulatedBackendSettings settings = SimulatedBackendSettings.dojoDefaults().withPort(0).withoutRandomFaults();
        try (SimulatedBackendServer dojo = SimulatedBackendServer.start(settings)) {
            OutageScript script = new OutageScript(new BackendFaults(dojo.baseUri(), Duration.ofSeconds(15)),
                    Duration.ZERO, Duration.ofSeconds(5), message -> { });
            Instant t0 = Instant.parse("2026-11-29T06:00:00Z");
            script.tick(Duration.ZERO, t0, 1, 0, true);
            script.tick(Duration.ofSeconds(14), t0.plusSeconds(14), 1, 0, true);
            assertThat(script.state()).isEqualTo(OutageScript.State.DOWN);
            script.tick(Duration.ofSeconds(15), t0.plusSeconds(15), 1, 0, true);
            assertThat(script.state()).isEqualTo(OutageScript.State.RECOVERED);
        }
    }

    @Test
    void withNothingMoreToComeTheOutageDoesNotStartAndTheEndOfTheDrainSkipsIt() {
        // The fault API is null: starting the outage would throw.
        OutageScript script = new OutageScript(null, Duration.ofSeconds(20), Duration.ofSeconds(5), message -> { });
        script.tick(Duration.ofSeconds(30), Instant.now(), 5, 0, false);
        assertThat(script.state()).isEqualTo(OutageScript.State.PLANNED);
        script.endIfDown(Instant.now());
        assertThat(script.state()).isEqualTo(OutageScript.State.SKIPPED);
    }

    @Test
    void theStoryIsToldInWords() {
        Duration at = Duration.ofSeconds(20);
        Duration length = Duration.ofSeconds(20);
        assertThat(OutageScript.describe(OutageScript.State.PLANNED, null, null, at, length, 0, 0))
                .contains("batches go to Dojo first", "planned at 20 s", "for 20 s");
        assertThat(OutageScript.describe(OutageScript.State.DOWN, Duration.ofSeconds(7), null, at, length, 3, 0))
                .contains("DOJO OUTAGE for 7 s", "fall back to Nvidia (3 placed on Nvidia since)")
                .doesNotContain("waiting");
        assertThat(OutageScript.describe(OutageScript.State.RECOVERED, Duration.ofSeconds(30), Duration.ofSeconds(4),
                at, length, 3, 2)).contains("back UP (for 4 s)", "3 batches fell back to Nvidia",
                "2 placed on Dojo since it returned");
    }
}
