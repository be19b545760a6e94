package dev.clipstream.systemtests.faults;

import dev.clipstream.cli.pipeline.PipelineService;
import dev.clipstream.devstack.service.ServiceProcess;
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
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

/**
 * Issue 9, scenario 2, the control: the same kill -9 of labeling with {@code processing.guarantee=at_least_once}.
 * The verifier must see duplicates here, or its clean verdicts elsewhere prove nothing.
 *
 * <p>Making the duplicates certain rather than likely: the commit interval is 10 minutes, so the app commits no
 * input offset during the test, while at-least-once writes its output (batches, rejections) and its changelogs
 * without transactions, visible at once. The kill comes after every clip's outcome is visible and before any
 * commit; the restarted app therefore reads every clip again from offset 0, and its duplicate filter, restored from
 * the changelog, already knows each one: every batched clip is now also rejected as DUPLICATE.
 */
// Child JVMs and kill/restart cycles: far slower than a unit test, above all on a busy 2-core machine.
@Timeout(value = 15, unit = TimeUnit.MINUTES)
class AtLeastOnceControlIT {

    private static final long SEED = 9201;
    private static ScenarioRun run;

    @BeforeAll
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    static void start() {
        run = ScenarioRun.start(options -> options
                .withConfig(PipelineService.LABELING, "kafka.streams.processing.guarantee", "at_least_once")
                .withConfig(PipelineService.LABELING, "kafka.streams.commit.interval.ms", "600000"));
    }

    @AfterAll
    static void stop() {
        if (run != null) {
            run.close();
        }
    }

    @Test
    void theVerifierDetectsTheDuplicatesOfAtLeastOnce() {
        long start = System.nanoTime();
        ServiceProcess labeling = run.pipeline().service(PipelineService.LABELING);
        String uploaded = run.pipeline().catalog().clipsUploaded().name();
        Set<String> accepted = new LinkedHashSet<>(
                ScenarioScale.phase(SEED, 0).push(run.pipeline().ingestUri(), run.fleetSecret()));
        accepted.addAll(ScenarioScale.phase(SEED, 1).push(run.pipeline().ingestUri(), run.fleetSecret()));

        Verification beforeKill = run.awaitSettled(accepted, Duration.ofSeconds(120));
        assertThat(beforeKill.problems()).as("before the kill the output is complete and clean").isEmpty();
        assertThat(beforeKill.batched()).isPositive();
        assertThat(run.lag().committed(ScenarioRun.LABELING_GROUP, uploaded))
                .as("nothing committed yet: the kill lands between two commits").isZero();
        labeling.kill();

        AtomicReference<Verification> after = new AtomicReference<>();
        Duration recovery = Recovery.restartAndAwait(labeling, "output resumes (reprocessed clips)", () -> {
            Verification v = run.verify(accepted);
            after.set(v);
            return !v.duplicated().isEmpty();
        }, Duration.ofSeconds(120));
        // Let the reprocessing finish: the figures then count every duplicate it produced.
        await("reprocessing finished").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofSeconds(2))
                .until(() -> {
                    Verification v = run.verify(accepted);
                    boolean stable = v.duplicated().size() == after.get().duplicated().size()
                            && v.rejected() == after.get().rejected();
                    after.set(v);
                    return stable;
                });
        Verification v = after.get();
        ScenarioFigures.of("labeling-kill-9-at-least-once", "kill -9 of labeling with at_least_once (control)", v,
                recovery, Duration.ofNanos(System.nanoTime() - start),
                "expected to fail: " + v.duplicated().size() + " duplicated of " + beforeKill.batched()
                        + " batched before the kill; reasons " + v.rejectReasons()).record();

        assertThat(v.duplicated()).as("at-least-once must show duplicates").isNotEmpty();
        assertThatThrownBy(v::assertNothingLostOrDuplicated).hasMessageContaining("duplicated clips");
    }
}
