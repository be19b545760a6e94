package dev.clipstream.systemtests.faults;

import dev.clipstream.cli.pipeline.PipelineService;
import dev.clipstream.devstack.service.ServiceProcess;
import dev.clipstream.systemtests.harness.Observed;
import dev.clipstream.systemtests.harness.Recovery;
import dev.clipstream.systemtests.harness.ScenarioFigures;
import dev.clipstream.systemtests.harness.ScenarioRun;
import dev.clipstream.systemtests.harness.ScenarioScale;
import dev.clipstream.systemtests.harness.Verification;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 9, scenario 6: kill -9 the training dispatcher while jobs run on the backends (simulated time only 6x real,
 * so a job takes seconds) and while new batches arrive, then restart it. No batch may be lost, none completed
 * twice (dispatch.events) and no batch's job may succeed twice on the backends.
 */
// Child JVMs and kill/restart cycles: far slower than a unit test, above all on a busy 2-core machine.
@Timeout(value = 15, unit = TimeUnit.MINUTES)
class DispatcherKilledIT {

    private static final long SEED = 9601;
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
        Set<String> accepted = new LinkedHashSet<>(
                ScenarioScale.phase(SEED, 0).push(run.pipeline().ingestUri(), run.fleetSecret()));

        // Mid-run: some batch completed, some batch placed on a backend and still running.
        // The kill follows the observation that showed both at once (jobs take seconds, so read and kill close).
        AtomicReference<Observed> seen = new AtomicReference<>();
        await("a batch completed and another in flight").atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(200)).until(() -> {
                    Observed now = run.verifier().read(List.of());
                    seen.set(now);
                    return inFlight(now) > 0 && completed(now) > 0;
                });
        dispatch.kill();
        Observed atKill = seen.get();
        int inFlightAtKill = inFlight(atKill);
        // New batches arrive while the dispatcher is down.
        accepted.addAll(ScenarioScale.phase(SEED, 1).push(run.pipeline().ingestUri(), run.fleetSecret()));
        int completedAtKill = completed(atKill);

        Duration recovery = Recovery.restartAndAwait(dispatch, "a new batch completed",
                () -> completed(run.verifier().read(List.of())) > completedAtKill, Duration.ofSeconds(120));
        accepted.addAll(ScenarioScale.phase(SEED, 2).push(run.pipeline().ingestUri(), run.fleetSecret()));

        Verification v = run.awaitSettled(accepted, Duration.ofSeconds(180));
        ScenarioFigures.of("dispatch-kill-9", "kill -9 of the dispatcher with jobs running, restart", v, recovery,
                Duration.ofNanos(System.nanoTime() - start),
                inFlightAtKill + " batches in flight and " + completedAtKill + " completed at the kill; "
                        + v.batches() + " batches, " + v.batchesCompleted() + " completed").record();

        v.assertNothingLostOrDuplicated();
        assertThat(inFlightAtKill).isPositive();
        assertThat(v.batchesCompleted()).isEqualTo(v.batches()).isPositive();
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
