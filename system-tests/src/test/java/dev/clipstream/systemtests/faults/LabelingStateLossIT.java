package dev.clipstream.systemtests.faults;

import dev.clipstream.cli.pipeline.PipelineService;
import dev.clipstream.devstack.process.WorkDirs;
import dev.clipstream.devstack.service.ServiceProcess;
import dev.clipstream.labeling.batch.BatchIds;
import dev.clipstream.schemas.avro.CampaignStatus;
import dev.clipstream.systemtests.harness.Observed;
import dev.clipstream.systemtests.harness.Recovery;
import dev.clipstream.systemtests.harness.ScenarioCampaigns;
import dev.clipstream.systemtests.harness.ScenarioFigures;
import dev.clipstream.systemtests.harness.ScenarioRun;
import dev.clipstream.systemtests.harness.ScenarioScale;
import dev.clipstream.systemtests.harness.Verification;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 9, scenario 9: labeling loses its local state (kill -9, state dir deleted) while its batches are open, is
 * restarted, restores its stores from the changelog topics and must produce the same batches as a run without
 * the fault.
 *
 * <p>The batches of a run without faults are predictable here: batches close neither by count nor by age (limits
 * far above the input), only when the test pauses the campaigns after all clips are in. Then each campaign has
 * exactly one batch holding every clip labeling matched to it (clips.labeled says which), and a batch id is a
 * function of campaign and clip set (BatchIds). If the open batches were not restored, the clips of the first phase
 * would be missing from them: other clip sets, other ids.
 */
// Child JVMs and kill/restart cycles: far slower than a unit test, above all on a busy 2-core machine.
@Timeout(value = 15, unit = TimeUnit.MINUTES)
class LabelingStateLossIT {

    private static final long SEED = 9901;
    private static ScenarioRun run;

    @BeforeAll
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    static void start() {
        run = ScenarioRun.start(options -> options
                .withConfig(PipelineService.LABELING, "labeling.batch.max.clips", "1000")
                .withConfig(PipelineService.LABELING, "labeling.batch.max.age", "1h"));
    }

    @AfterAll
    static void stop() {
        if (run != null) {
            run.close();
        }
    }

    @Test
    void restoredFromTheChangelogItProducesTheSameBatches() {
        long start = System.nanoTime();
        ServiceProcess labeling = run.pipeline().service(PipelineService.LABELING);
        String uploaded = run.pipeline().catalog().clipsUploaded().name();
        Set<String> accepted = new LinkedHashSet<>(
                ScenarioScale.phase(SEED, 0).push(run.pipeline().ingestUri(), run.fleetSecret()));
        accepted.addAll(ScenarioScale.phase(SEED, 1).push(run.pipeline().ingestUri(), run.fleetSecret()));
        run.awaitLabelingCaughtUp(Duration.ofSeconds(120));
        assertThat(run.verifier().read(List.of()).batches()).as("batches still open before the fault").isEmpty();

        labeling.kill();
        Path state = run.pipeline().workDir().resolve("labeling/state");
        assertThat(Files.isDirectory(state)).isTrue();
        WorkDirs.deleteRecursively(state);
        Duration recovery = Recovery.restartAndAwait(labeling, "labeling lag 0 after restoring",
                () -> run.lag().lag(ScenarioRun.LABELING_GROUP, uploaded) == 0
                        && run.lag().totalLag(ScenarioRun.LABELING_GROUP) == 0, Duration.ofSeconds(120));

        accepted.addAll(ScenarioScale.phase(SEED, 2).push(run.pipeline().ingestUri(), run.fleetSecret()));
        run.awaitLabelingCaughtUp(Duration.ofSeconds(120));
        // Pausing the campaigns closes their open batches (CAMPAIGN_CLOSED): the only close in this scenario. Only
        // after the batcher has every clip (lag 0 on the repartition topics too): a clip reaching it after the
        // pause is declined (NO_ACTIVE_CAMPAIGN), correctly, but then the batches differ from the prediction.
        run.publishCampaigns(ScenarioCampaigns.withStatus(ScenarioCampaigns.all(Instant.now()),
                CampaignStatus.PAUSED));
        Verification v = run.awaitSettled(accepted, Duration.ofSeconds(120));

        Map<String, Set<String>> expected = new TreeMap<>();
        run.verifier().labeledClipsByCampaign().forEach((campaign, clips) ->
                expected.put(BatchIds.of(campaign, clips).toString(), new TreeSet<>(clips)));
        Map<String, Set<String>> actual = new TreeMap<>();
        for (Observed.Batch batch : run.verifier().read(List.of()).batches()) {
            actual.put(batch.batchId(), new TreeSet<>(batch.clipIds()));
        }
        ScenarioFigures.of("labeling-state-loss", "labeling kill -9 with its state dir deleted, open batches", v,
                recovery, Duration.ofNanos(System.nanoTime() - start),
                actual.size() + " batches, " + (actual.equals(expected) ? "identical to" : "DIFFERENT from")
                        + " the fault-free prediction").record();

        v.assertNothingLostOrDuplicated();
        assertThat(expected).as("one batch per campaign").hasSize(2);
        assertThat(actual).as("batch ids and clip sets as without the fault").isEqualTo(expected);
        assertThat(Files.isDirectory(state)).as("state rebuilt").isTrue();
    }
}
