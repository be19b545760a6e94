package dev.clipstream.systemtests.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.clipstream.backends.api.BackendFaults;
import dev.clipstream.backends.api.JobState;
import dev.clipstream.backends.api.JobView;
import dev.clipstream.backends.api.TrainingBackendClient;
import dev.clipstream.cli.pipeline.PipelineService;
import dev.clipstream.cli.pipeline.ProcessPipeline;
import dev.clipstream.devstack.service.ServiceProcess;
import dev.clipstream.lag.monitor.PipelineGroups;
import dev.clipstream.systemtests.harness.ScenarioFigures;
import dev.clipstream.systemtests.harness.ScenarioRun;
import dev.clipstream.systemtests.harness.SeededFleet;
import dev.clipstream.systemtests.harness.Verification;
import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scenario 5 of issue 9, with the services as child processes (ProcessPipeline): the Dojo backend is killed with
 * kill -9 while jobs run on it, so new batches go to Nvidia; then Nvidia hangs (accepts connections, answers
 * nothing) while jobs run on it and Dojo is restarted, so batches go back to Dojo; then Nvidia answers again. The
 * verifier must find every clip in exactly one batch per campaign (or rejected), every batch completed exactly once
 * (dispatch.events and the backends' job records), and no Kafka consumer of the pipeline may have left its group:
 * the labeling group keeps its members, and the dispatcher (which assigns its partitions itself and commits offsets in
 * its transactions, so it has no group membership to lose) keeps running in the same process.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
class BackendFailureIT {

    private static final Logger LOG = LoggerFactory.getLogger(BackendFailureIT.class);
    private static final Duration FAULT = Duration.ofSeconds(Long.getLong("reliability.backend.fault.seconds", 20));
    private static final long SEED = 5;
    private static final int VEHICLES = 6;
    private static final int CLIPS_PER_VEHICLE = 5;

    @Test
    void batchesMoveOffAKilledAndAHungBackendAndCompleteExactlyOnce() throws Exception {
        long started = System.nanoTime();
        // Simulated time 60x instead of the harness's 600x: jobs then run for seconds, long enough to kill or hang
        // their backend while they run.
        try (ScenarioRun run = ScenarioRun.start(options -> options.withBackendTimeScale(60));
             ClusterProbe cluster = new ClusterProbe(run.stack().bootstrapServers())) {
            ProcessPipeline pipeline = run.pipeline();
            TrainingBackendClient dojo = run.backends().get(0);
            TrainingBackendClient nvidia = run.backends().get(1);
            String secret = run.fleetSecret();
            Map<PipelineService, Long> pids = pids(pipeline);

            Set<String> expected = new LinkedHashSet<>(fleet(0).push(pipeline.ingestUri(), secret));
            awaitRunningJob(dojo);
            Set<String> labelingMembers = cluster.memberIds(PipelineGroups.LABELING);

            // Fault 1: kill -9 Dojo with jobs running; the next batches can only go to Nvidia.
            int nvidiaJobsBefore = nvidia.jobs().size();
            long killedAt = System.nanoTime();
            pipeline.service(PipelineService.DOJO).kill();
            LOG.info("Dojo killed with jobs running");
            expected.addAll(fleet(1).push(pipeline.ingestUri(), secret));
            await("batches rerouted to nvidia while dojo is dead").atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofMillis(500)).until(() -> nvidia.jobs().size() > nvidiaJobsBefore);
            Duration rerouteAfterKill = Duration.ofNanos(System.nanoTime() - killedAt);
            awaitRunningJob(nvidia);
            holdUntil(killedAt, "dojo dead");

            // Fault 2: Nvidia hangs with jobs running; Dojo comes back (same port, empty job list: it was killed).
            BackendFaults nvidiaFaults = new BackendFaults(pipeline.managementUris().get(PipelineService.NVIDIA));
            long hungAt = System.nanoTime();
            nvidiaFaults.hang(true);
            LOG.info("Nvidia hangs; restarting dojo");
            ServiceProcess dojoProcess = pipeline.service(PipelineService.DOJO);
            dojoProcess.restart();
            long dojoBackAt = System.nanoTime();
            expected.addAll(fleet(2).push(pipeline.ingestUri(), secret));
            // The restarted Dojo was killed: it starts with no jobs, so any job on it now was placed after the hang.
            await("batches placed on dojo while nvidia hangs").atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofMillis(500)).ignoreExceptions().until(() -> !dojo.jobs().isEmpty());
            Duration recoveryAfterKill = Duration.ofNanos(System.nanoTime() - dojoBackAt);
            Duration rerouteAfterHang = Duration.ofNanos(System.nanoTime() - hungAt);
            holdUntil(hungAt, "nvidia hung");
            nvidiaFaults.hang(false);
            long nvidiaBackAt = System.nanoTime();
            LOG.info("Nvidia answers again");

            Verification verification = run.awaitSettled(expected, Duration.ofMinutes(3));
            Duration recoveryAfterHang = Duration.ofNanos(System.nanoTime() - nvidiaBackAt);
            Duration wall = Duration.ofNanos(System.nanoTime() - started);
            ScenarioFigures.of("5-backend-killed", "kill -9 of the dojo backend with jobs running, dead for "
                            + FAULT.toSeconds() + " s, then restarted", verification, recoveryAfterKill, wall,
                    "first job on nvidia " + rerouteAfterKill.toMillis() + " ms after the kill; recovery = dojo "
                            + "restarted until it runs jobs again").record();
            ScenarioFigures.of("5-backend-hung", "nvidia backend hangs (accepts, never answers) for "
                            + FAULT.toSeconds() + " s with jobs running", verification, recoveryAfterHang, wall,
                    "first job on dojo " + rerouteAfterHang.toMillis() + " ms after the hang began; recovery = "
                            + "nvidia answering until every batch completed").record();

            verification.assertNothingLostOrDuplicated();
            assertThat(verification.batchesCompletedTwice()).as("batches completed twice").isEmpty();
            assertThat(cluster.memberIds(PipelineGroups.LABELING)).as("labeling group members (no rebalance)")
                    .isEqualTo(labelingMembers);
            Map<PipelineService, Long> after = pids(pipeline);
            for (PipelineService service : List.of(PipelineService.INGEST, PipelineService.LABELING,
                    PipelineService.DISPATCH)) {
                assertThat(after.get(service)).as("%s process (never restarted)", service).isEqualTo(pids.get(service));
                assertThat(pipeline.service(service).isAlive()).as("%s alive", service).isTrue();
            }
            assertThat(cluster.recordLag(PipelineGroups.DISPATCH)).as("dispatch lag").isZero();
            assertThat(cluster.recordLag(PipelineGroups.LABELING)).as("labeling lag").isZero();
        }
    }

    private static SeededFleet fleet(int phase) {
        return SeededFleet.of(VEHICLES, CLIPS_PER_VEHICLE, SEED * 100 + phase);
    }

    private static Map<PipelineService, Long> pids(ProcessPipeline pipeline) {
        Map<PipelineService, Long> pids = new EnumMap<>(PipelineService.class);
        for (PipelineService service : PipelineService.values()) {
            pids.put(service, pipeline.service(service).pid());
        }
        return pids;
    }

    private static void awaitRunningJob(TrainingBackendClient backend) {
        await("a job running on " + backend.name()).atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(200)).ignoreExceptions()
                .until(() -> backend.jobs().stream().anyMatch(job -> job.state() == JobState.RUNNING));
        LOG.info("Jobs on {}: {}", backend.name(), backend.jobs().stream()
                .collect(Collectors.groupingBy(JobView::state, Collectors.counting())));
    }

    /** The fault lasts its full time from {@code faultAt}, whatever happened first. */
    private static void holdUntil(long faultAt, String what) {
        long remaining = FAULT.toNanos() - (System.nanoTime() - faultAt);
        if (remaining > 0) {
            await(what + " for " + FAULT.toSeconds() + " s").pollDelay(Duration.ofNanos(remaining))
                    .atMost(Duration.ofNanos(remaining).plusSeconds(5)).until(() -> true);
        }
    }
}
