package dev.clipstream.dispatch.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.clipstream.backends.api.JobState;
import dev.clipstream.backends.api.JobView;
import dev.clipstream.schemas.avro.DispatchDecision;
import dev.clipstream.schemas.avro.DispatchEvent;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The dispatcher against the devstack and both simulated backends on a fast clock: every batch completes exactly
 * once while Dojo goes down mid-run and an Nvidia job is preempted, also across an abrupt stop and a restart.
 */
class DispatcherIT {

    private static final int BATCHES = 36;

    @Test
    void everyBatchCompletesExactlyOnceThroughADojoOutageAndAnNvidiaPreemption() throws Exception {
        try (DispatchHarness harness = new DispatchHarness(11)) {
            DispatcherApp app = harness.startDispatcher();
            await().atMost(Duration.ofSeconds(30)).until(app::ready);
            List<String> batchIds = harness.publishBatches(BATCHES);

            failDojoWhileItRunsJobs(harness);
            preemptOneNvidiaJob(harness);
            harness.dojoFaults.recover();

            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                    .until(() -> harness.completedCounts().size() == BATCHES);
            harness.assertEachCompletedExactlyOnce(batchIds);

            List<DispatchEvent> events = harness.events();
            assertThat(events).anySatisfy(e -> {
                assertThat(e.getDecision()).isEqualTo(DispatchDecision.FAILED);
                assertThat(e.getBackendId()).isEqualTo("dojo");
            });
            assertThat(events).anySatisfy(e -> {
                assertThat(e.getDecision()).isEqualTo(DispatchDecision.PREEMPTED);
                assertThat(e.getBackendId()).isEqualTo("nvidia");
            });
            assertThat(events).filteredOn(e -> e.getDecision() == DispatchDecision.ASSIGNED)
                    .allSatisfy(e -> assertThat(e.getAlternatives()).hasSize(2).anyMatch(a -> a.contains("chosen")));
            assertThat(events).filteredOn(e -> e.getDecision() == DispatchDecision.COMPLETED)
                    .allSatisfy(e -> {
                        assertThat(e.getCostUsd()).isPositive();
                        assertThat(e.getDurationSeconds()).isPositive();
                    });

            String metrics = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                            URI.create(app.managementUri() + "/metrics")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            assertThat(metrics).contains("dispatch_queue_depth").contains("dispatch_backend_utilisation")
                    .contains("dispatch_simulated_cost_usd").contains("dispatch_batches{");
        }
    }

    @Test
    void anAbruptStopAndARestartMidRunNeitherLosesNorDoubleTrainsABatch() throws Exception {
        try (DispatchHarness harness = new DispatchHarness(23)) {
            DispatcherApp first = harness.startDispatcher();
            await().atMost(Duration.ofSeconds(30)).until(first::ready);
            List<String> batchIds = harness.publishBatches(BATCHES);

            await().atMost(Duration.ofSeconds(60)).until(() -> harness.completedCounts().size() >= 4);
            // Dojo fails its running jobs and the dispatcher dies right after, before it may have seen that; jobs
            // keep running (and some finish) while no dispatcher watches.
            failDojoWhileItRunsJobs(harness);
            first.kill();
            int completedBeforeRestart = harness.completedCounts().size();
            assertThat(completedBeforeRestart).isLessThan(BATCHES);

            // The second instance also assigns one batch per backend ahead of a free slot (hold-ahead).
            DispatcherApp second = harness.startDispatcher(harness.settings.withHoldAhead(1));
            await().atMost(Duration.ofSeconds(30)).until(second::ready);
            harness.dojoFaults.recover();
            preemptOneNvidiaJob(harness);

            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500))
                    .until(() -> harness.completedCounts().size() == BATCHES);
            harness.assertEachCompletedExactlyOnce(batchIds);
        }
    }

    /**
     * Nvidia hangs (takes requests, answers none) while it runs the only jobs. Past unresponsive-after the dispatcher
     * must send a cancel, and move the batch only once the cancel is confirmed: here when the hang ends and the held
     * cancel runs. The job on Nvidia ends CANCELLED, and the batch trains once, on Dojo.
     */
    @Test
    void aJobOnAHungBackendIsCancelledAndMovesOnceTheCancelIsConfirmed() throws Exception {
        // No seeded preemptions or outages: each job's end must come from the cancel (a preemption ended one once).
        try (DispatchHarness harness = new DispatchHarness(31, null, false)) {
            harness.dojoFaults.outage(); // everything goes to Nvidia first
            harness.nvidiaFaults.slowdown(50); // its jobs then run for minutes: only a cancel ends them early
            DispatcherApp app = harness.startDispatcher();
            await().atMost(Duration.ofSeconds(30)).until(app::ready);
            List<String> batchIds = harness.publishBatches(2);
            await().atMost(Duration.ofSeconds(30)).until(() -> harness.nvidia.simulator().jobs().stream()
                    .filter(job -> job.state() == JobState.RUNNING).count() == 2);

            harness.nvidiaFaults.hang(true);
            harness.dojoFaults.recover();
            // unresponsive-after is 3 s in the harness: a cancel per running job, each held by the hung backend.
            await("cancels sent to the hung backend").atMost(Duration.ofSeconds(30))
                    .until(() -> app.view().cancelsSent() >= 2);
            assertThat(harness.completedCounts()).as("nothing moves while the cancels are unconfirmed").isEmpty();
            assertThat(harness.dojo.simulator().jobs()).as("no job on dojo before a cancel is confirmed").isEmpty();
            harness.nvidiaFaults.hang(false);

            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                    .until(() -> harness.completedCounts().size() == batchIds.size());
            harness.assertEachCompletedExactlyOnce(batchIds);
            assertThat(harness.nvidia.simulator().jobs()).as("the hung backend's jobs")
                    .hasSize(2).allMatch(job -> job.state() == JobState.CANCELLED);
            assertThat(harness.events()).filteredOn(e -> e.getDecision() == DispatchDecision.COMPLETED)
                    .allSatisfy(e -> assertThat(e.getBackendId().toString()).isEqualTo("dojo"));
        }
    }

    private static void failDojoWhileItRunsJobs(DispatchHarness harness) {
        await().atMost(Duration.ofSeconds(30)).until(() -> harness.dojo.simulator().jobs().stream()
                .anyMatch(job -> job.state() == JobState.RUNNING));
        harness.dojoFaults.outage();
        await().atMost(Duration.ofSeconds(30)).until(() -> harness.dojo.simulator().jobs().stream()
                .anyMatch(job -> job.state() == JobState.FAILED));
    }

    private static void preemptOneNvidiaJob(DispatchHarness harness) {
        await().atMost(Duration.ofSeconds(30)).until(() -> harness.nvidia.simulator().jobs().stream()
                .anyMatch(job -> job.state() == JobState.RUNNING));
        JobView running = harness.nvidia.simulator().jobs().stream()
                .filter(job -> job.state() == JobState.RUNNING).findFirst().orElseThrow();
        try {
            harness.nvidiaFaults.preempt(running.jobId());
        } catch (RuntimeException finishedMeanwhile) {
            preemptOneNvidiaJob(harness);
        }
    }
}
