package dev.clipstream.systemtests.faults;

import dev.clipstream.cli.pipeline.PipelineService;
import dev.clipstream.devstack.service.ServiceProcess;
import dev.clipstream.fleet.sim.FleetSummary;
import dev.clipstream.systemtests.harness.Recovery;
import dev.clipstream.systemtests.harness.ScenarioFigures;
import dev.clipstream.systemtests.harness.ScenarioRun;
import dev.clipstream.systemtests.harness.ScenarioScale;
import dev.clipstream.systemtests.harness.SeededFleet;
import dev.clipstream.systemtests.harness.Verification;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Issue 9, scenario 7: kill -9 ingest while the fleet uploads; the uploaders retry the same clips (same clip ids)
 * through the restart, some of which ingest had published before it died without answering. Then the whole fleet
 * pushes its clips once more. No clip may reach a batch twice, none may be lost, and every clip the uploaders saw
 * accepted must be accounted for.
 */
// Child JVMs and kill/restart cycles: far slower than a unit test, above all on a busy 2-core machine.
@Timeout(value = 15, unit = TimeUnit.MINUTES)
class IngestKilledIT {

    private static final long SEED = 9701;
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
    void killedWhileUploadersRetryNoClipIsBatchedTwice() {
        long start = System.nanoTime();
        ServiceProcess ingest = run.pipeline().service(PipelineService.INGEST);
        String uploaded = run.pipeline().catalog().clipsUploaded().name();
        SeededFleet fleet = SeededFleet.of(ScenarioScale.vehiclesPerPhase(), 4 * ScenarioScale.clipsPerVehicle(), SEED)
                .withConcurrency(4).withRetry(SeededFleet.patientRetry());

        CompletableFuture<FleetSummary> uploads = CompletableFuture.supplyAsync(
                () -> fleet.run(run.pipeline().ingestUri(), run.fleetSecret()));
        await("a third of the clips published").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(100))
                .until(() -> run.lag().written(uploaded) >= fleet.clips() / 3);
        ingest.kill();
        long publishedAtKill = run.lag().written(uploaded);
        assertThat(uploads).as("the fleet is still uploading at the kill").isNotDone();

        Duration recovery = Recovery.restartAndAwait(ingest, "uploads accepted again",
                () -> run.lag().written(uploaded) > publishedAtKill, Duration.ofSeconds(120));
        FleetSummary summary = uploads.join();
        assertThat(summary.failures()).as("every clip accepted after retries").isEmpty();
        Set<String> accepted = ids(summary);
        // The same clips once more, as a restarted uploader would: ingest answers 200, publishes nothing new.
        FleetSummary again = fleet.run(run.pipeline().ingestUri(), run.fleetSecret());
        assertThat(again.createdClipIds()).as("no clip created twice").isEmpty();

        Verification v = run.awaitSettled(accepted, Duration.ofSeconds(150));
        long retried = summary.outcomes().stream().filter(o -> o.result() != null && o.result().attempts() > 1)
                .count();
        ScenarioFigures.of("ingest-kill-9", "kill -9 of ingest during uploads; uploaders retry the same clips", v,
                recovery, Duration.ofNanos(System.nanoTime() - start),
                publishedAtKill + " published at the kill, " + retried + " clips retried, "
                        + (v.uploadEvents() - v.clipsIn()) + " duplicate upload events").record();

        v.assertNothingLostOrDuplicated();
        assertThat(v.clipsIn()).isEqualTo(fleet.clips());
        assertThat(retried).as("some uploads had to retry through the restart").isPositive();
    }

    private static Set<String> ids(FleetSummary summary) {
        Set<String> ids = new LinkedHashSet<>();
        for (UUID id : summary.acceptedClipIds()) {
            ids.add(id.toString());
        }
        return ids;
    }
}
