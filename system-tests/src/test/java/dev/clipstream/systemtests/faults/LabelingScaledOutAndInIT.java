package dev.clipstream.systemtests.faults;

import dev.clipstream.devstack.service.ServiceProcess;
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
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 9, scenario 8: scale labeling from one instance to two while a fleet phase uploads (tasks move to the new
 * instance, state restored there from the changelogs), then back to one while the next phase uploads (SIGTERM:
 * the leaving instance commits and hands its tasks back). A rebalance under load must lose and duplicate nothing.
 */
// Child JVMs and kill/restart cycles: far slower than a unit test, above all on a busy 2-core machine.
@Timeout(value = 15, unit = TimeUnit.MINUTES)
class LabelingScaledOutAndInIT {

    private static final long SEED = 9801;
    private static ScenarioRun run;

    @BeforeAll
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    static void start() {
        run = ScenarioRun.start(options -> options);
    }

    @AfterAll
    static void stop() {
        if (run != null) {
            run.close();
        }
    }

    @Test
    void scalingOutAndInUnderLoadLosesAndDuplicatesNothing() {
        long start = System.nanoTime();
        String uploaded = run.pipeline().catalog().clipsUploaded().name();
        Set<String> accepted = new LinkedHashSet<>(
                ScenarioScale.phase(SEED, 0).push(run.pipeline().ingestUri(), run.fleetSecret()));

        // Scale out while phase 1 uploads: the rebalance happens with clips in flight.
        long scaleOutStart = System.nanoTime();
        CompletableFuture<ServiceProcess> second = CompletableFuture.supplyAsync(
                () -> run.pipeline().startExtraLabelingInstance());
        accepted.addAll(ScenarioScale.phase(SEED, 1).push(run.pipeline().ingestUri(), run.fleetSecret()));
        ServiceProcess extra = second.join();
        Duration scaleOut = Duration.ofNanos(System.nanoTime() - scaleOutStart)
                .plus(run.awaitLabelingCaughtUp(Duration.ofSeconds(120)));
        assertThat(extra.isAlive()).isTrue();
        await("both instances hold partitions").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .ignoreExceptions().until(() -> run.lag().membersWithPartitions(ScenarioRun.LABELING_GROUP) == 2);
        accepted.addAll(ScenarioScale.phase(SEED, 2).push(run.pipeline().ingestUri(), run.fleetSecret()));

        // Scale in while phase 3 uploads.
        long scaleInStart = System.nanoTime();
        CompletableFuture<Void> leave = CompletableFuture.runAsync(extra::stop);
        accepted.addAll(ScenarioScale.phase(SEED, 3).push(run.pipeline().ingestUri(), run.fleetSecret()));
        leave.join();
        Duration scaleIn = Duration.ofNanos(System.nanoTime() - scaleInStart)
                .plus(run.awaitLabelingCaughtUp(Duration.ofSeconds(120)));
        assertThat(extra.isAlive()).isFalse();

        Verification v = run.awaitSettled(accepted, Duration.ofSeconds(150));
        ScenarioFigures.of("labeling-scale-1-2-1", "labeling scaled 1 -> 2 -> 1 instances during uploads", v,
                scaleOut.compareTo(scaleIn) > 0 ? scaleOut : scaleIn, Duration.ofNanos(System.nanoTime() - start),
                "scale-out until lag 0: " + scaleOut.toMillis() + " ms, scale-in until lag 0: " + scaleIn.toMillis()
                        + " ms; " + v.batches() + " batches").record();

        v.assertNothingLostOrDuplicated();
        assertThat(v.clipsIn()).isEqualTo(accepted.size());
        assertThat(run.lag().membersWithPartitions(ScenarioRun.LABELING_GROUP)).as("back to one instance")
                .isEqualTo(1);
    }
}
