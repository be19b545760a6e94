package dev.clipstream.systemtests.faults;

import dev.clipstream.cli.pipeline.PipelineService;
import dev.clipstream.devstack.service.ServiceProcess;
import dev.clipstream.systemtests.harness.Observed;
import dev.clipstream.systemtests.harness.Recovery;
import dev.clipstream.systemtests.harness.ScenarioFigures;
import dev.clipstream.systemtests.harness.ScenarioRun;
import dev.clipstream.systemtests.harness.ScenarioScale;
import dev.clipstream.systemtests.harness.Verification;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 9, scenario 6: kill -9 the training dispatcher while jobs run on the backends (simulated time only 6x real,
 * so a job takes seconds) and while new batches arrive, then restart it. No batch may be lost, none completed
 * twice (dispatch.events) and no batch's job may succeed twice on the backends.
 *
 * <p>The kill comes as soon as a batch is seen placed on a backend and not completed; the test does not wait for
 * a mix of completed and running batches, which a fast machine may never show (a phase's batches are placed and
 * complete together).
 */
// Child JVMs and kill/restart cycles: far slower than a unit test, above all on a busy 2-core machine.
@Timeout(value = 15, unit = TimeUnit.MINUTES)
class DispatcherKilledIT {

    private static final Logger LOG = LoggerFactory.getLogger(DispatcherKilledIT.class);
    private static final long SEED = 9601;
    /** Kill/restart cycles at most, should the batch seen in flight complete before the kill lands. */
    private static final int MAX_KILLS = 3;
    /** Seeded phases pushed at most per kill while no batch is seen in flight. */
    private static final int TRIGGER_PHASES = 3;
    private static ScenarioRun run;

    @BeforeAll
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    static void start() {
        run = ScenarioRun.start(options -> options.withBackendTimeScale(6));
    }

    @AfterAll
    static void stop() {
        if (run != null) {
            run.close();
        }
    }

    @Test
    void killedMidRunLosesNoBatchAndCompletesNoneTwice() {
        long start = System.nanoTime();
        ServiceProcess dispatch = run.pipeline().service(PipelineService.DISPATCH);
        Set<String> accepted = new LinkedHashSet<>();
        List<Duration> recoveries = new ArrayList<>();
        int phase = 0;
        int kills = 0;
        int inFlightAtKill = 0;
        int completedAtKill = 0;
        // A kill counts when a batch was placed on a backend and not completed at that moment, as read after it.
        // The look that triggers it comes a moment before the kill; should that batch complete in between, the
        // dispatcher is restarted and killed again.
        while (inFlightAtKill == 0 && kills < MAX_KILLS) {
            // Mid-run: a batch placed on a backend (PLACED or STARTED) and not completed. A fast machine can run a
            // phase's batches between two looks, so further seeded phases follow until that state is seen.
            boolean seen = false;
            for (int tries = 0; tries < TRIGGER_PHASES && !seen; tries++) {
                accepted.addAll(ScenarioScale.phase(SEED, phase++).push(run.pipeline().ingestUri(),
                        run.fleetSecret()));
                seen = awaitBatchInFlight(Duration.ofSeconds(60));
            }
            assertThat(seen).as("a batch placed on a backend and not completed, within " + phase + " phases")
                    .isTrue();
            dispatch.kill();
            kills++;
            // The dispatcher is dead: dispatch.events now holds exactly what it committed before the kill.
            Observed atKill = run.verifier().read(List.of());
            inFlightAtKill = inFlight(atKill);
            completedAtKill = completed(atKill);
            // New batches arrive while the dispatcher is down.
            accepted.addAll(ScenarioScale.phase(SEED, phase++).push(run.pipeline().ingestUri(), run.fleetSecret()));
            int completedBefore = completedAtKill;
            recoveries.add(Recovery.restartAndAwait(dispatch, "a new batch completed",
                    () -> completed(run.verifier().read(List.of())) > completedBefore, Duration.ofSeconds(120)));
            if (inFlightAtKill == 0) {
                LOG.warn("Kill {}: the batch seen in flight completed before the kill; killing again", kills);
            }
        }
        accepted.addAll(ScenarioScale.phase(SEED, phase++).push(run.pipeline().ingestUri(), run.fleetSecret()));

        Verification v = run.awaitSettled(accepted, Duration.ofSeconds(180));
        ScenarioFigures.of("dispatch-kill-9", "kill -9 of the dispatcher with jobs running, restart", v,
                recoveries.stream().max(Duration::compareTo).orElse(null), Duration.ofNanos(System.nanoTime() - start),
                inFlightAtKill + " batches in flight and " + completedAtKill + " completed at the kill (kill "
                        + kills + ", " + phase + " phases); recoveries ms "
                        + recoveries.stream().map(Duration::toMillis).toList() + "; " + v.batches() + " batches, "
                        + v.batchesCompleted() + " completed").record();

        v.assertNothingLostOrDuplicated();
        assertThat(inFlightAtKill).as("batches in flight at the kill (after " + kills + " kills)").isPositive();
        assertThat(v.batchesCompleted()).isEqualTo(v.batches()).isPositive();
    }

    /** Waits until some batch is in flight; false when none was seen within {@code timeout}. */
    private static boolean awaitBatchInFlight(Duration timeout) {
        try {
            await("a batch placed on a backend and not completed").atMost(timeout)
                    .pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                    .until(() -> inFlight(run.verifier().read(List.of())) > 0);
            return true;
        } catch (ConditionTimeoutException e) {
            LOG.info("No batch in flight within {}; pushing another phase", timeout);
            return false;
        }
    }

    private static int completed(Observed observed) {
        Set<String> done = new HashSet<>();
        for (Observed.DispatchRecord event : observed.dispatchEvents()) {
            if (event.decision().equals("COMPLETED")) {
                done.add(event.batchId());
            }
        }
        return done.size();
    }

    /** Batches placed on a backend (PLACED or STARTED) without a COMPLETED event yet. */
    private static int inFlight(Observed observed) {
        Set<String> placed = new HashSet<>();
        List<String> done = new ArrayList<>();
        for (Observed.DispatchRecord event : observed.dispatchEvents()) {
            switch (event.decision()) {
                case "PLACED", "STARTED" -> placed.add(event.batchId());
                case "COMPLETED" -> done.add(event.batchId());
                default -> {
                }
            }
        }
        placed.removeAll(done);
        return placed.size();
    }
}
