package dev.clipstream.systemtests.faults;

import dev.clipstream.cli.pipeline.PipelineService;
import dev.clipstream.devstack.service.ServiceProcess;
import dev.clipstream.systemtests.harness.ScenarioFigures;
import dev.clipstream.systemtests.harness.ScenarioRun;
import dev.clipstream.systemtests.harness.ScenarioScale;
import dev.clipstream.systemtests.harness.Recovery;
import dev.clipstream.systemtests.harness.Verification;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.nio.file.Files;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 9, scenario 1: kill -9 the labeling app three times while it works on a phase of clips, with batches open
 * (batch.max.age 10 s, so every kill leaves open batches in its state stores), and restart it each time on the same
 * state dir. With exactly_once_v2 the verifier must find nothing missing, nothing duplicated, every batch completed
 * once.
 */
// Child JVMs and kill/restart cycles: far slower than a unit test, above all on a busy 2-core machine.
@Timeout(value = 15, unit = TimeUnit.MINUTES)
class LabelingKilledMidBatchIT {

    private static final long SEED = 9101;
    private static ScenarioRun run;

    @BeforeAll
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    static void start() {
        run = ScenarioRun.start(options -> options
                .withConfig(PipelineService.LABELING, "labeling.batch.max.age", "10s"));
    }

    @AfterAll
    static void stop() {
        if (run != null) {
            run.close();
        }
    }

    @Test
    void killedThreeTimesMidBatchLosesAndDuplicatesNothing() {
        long start = System.nanoTime();
        ServiceProcess labeling = run.pipeline().service(PipelineService.LABELING);
        String uploaded = run.pipeline().catalog().clipsUploaded().name();
        Set<String> accepted = new LinkedHashSet<>();
        List<Duration> recoveries = new ArrayList<>();
        List<Long> lagAtKill = new ArrayList<>();
        int kills = ScenarioScale.kills();
        for (int phase = 0; phase < kills; phase++) {
            accepted.addAll(ScenarioScale.phase(SEED, phase).push(run.pipeline().ingestUri(), run.fleetSecret()));
            // Right after the phase: labeling is still working through it, its open batches hold clips.
            lagAtKill.add(run.lag().lag(ScenarioRun.LABELING_GROUP, uploaded));
            labeling.kill();
            assertThat(Files.isDirectory(run.pipeline().workDir().resolve("labeling/state")))
                    .as("the state dir survives the kill").isTrue();
            recoveries.add(Recovery.restartAndAwait(labeling, "labeling lag 0",
                    () -> run.lag().lag(ScenarioRun.LABELING_GROUP, uploaded) == 0, Duration.ofSeconds(120)));
        }
        accepted.addAll(ScenarioScale.phase(SEED, kills).push(run.pipeline().ingestUri(), run.fleetSecret()));

        Verification v = run.awaitSettled(accepted, Duration.ofSeconds(150));
        ScenarioFigures.of("labeling-kill-9", kills + "x kill -9 of labeling mid-batch (exactly_once_v2)", v,
                recoveries.stream().max(Duration::compareTo).orElse(null), Duration.ofNanos(System.nanoTime() - start),
                "lag at kills " + lagAtKill + ", recoveries ms " + recoveries.stream().map(Duration::toMillis).toList()
                        + ", " + v.batches() + " batches").record();

        v.assertNothingLostOrDuplicated();
        assertThat(v.clipsIn()).isEqualTo(accepted.size());
        assertThat(v.batched()).isPositive();
        assertThat(labeling.logFile().getFileName().toString()).as("relaunched").isEqualTo("labeling-" + (kills + 1) + ".log");
    }
}
