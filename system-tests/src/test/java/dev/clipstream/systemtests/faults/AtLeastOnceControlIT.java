package dev.clipstream.systemtests.faults;

import dev.clipstream.cli.pipeline.PipelineService;
import dev.clipstream.devstack.service.ServiceProcess;
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
 * <p>Making the duplicates certain rather than likely: the commit interval is 10 minutes, while at-least-once writes
 * its output (batches, rejections) and its changelogs without transactions, visible at once. Kafka Streams still
 * commits when a rebalance revokes tasks, so "nothing committed" is not a precondition one can count on; what makes
 * a kill cause reprocessing is input that was read (its outcome is visible) but not committed when the process died.
 * The test kills only after every clip's outcome is visible, reads the committed offsets after the kill (a dead
 * process commits nothing more) and requires that some clips lie beyond them. The restarted app reads those clips
 * again, and its duplicate filter, restored from the changelog, already knows each one: each of them must show up
 * as duplicated (batched and rejected as DUPLICATE, or rejected twice).
 */
// Child JVMs and kill/restart cycles: far slower than a unit test, above all on a busy 2-core machine.
@Timeout(value = 15, unit = TimeUnit.MINUTES)
class AtLeastOnceControlIT {

    private static final long SEED = 9201;
    /** Phases pushed at most beyond the first two while everything read is committed. */
    private static final int EXTRA_PHASES = 2;
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
        // A rebalance commit may have covered everything read so far; more clips then give uncommitted progress.
        for (int phase = 2; phase < 2 + EXTRA_PHASES && run.lag().lag(ScenarioRun.LABELING_GROUP, uploaded) == 0;
             phase++) {
            accepted.addAll(ScenarioScale.phase(SEED, phase).push(run.pipeline().ingestUri(), run.fleetSecret()));
            beforeKill = run.awaitSettled(accepted, Duration.ofSeconds(120));
        }
        assertThat(beforeKill.problems()).as("before the kill the output is complete and clean").isEmpty();
        assertThat(beforeKill.batched()).isPositive();
        labeling.kill();
        // Read after the kill: the dead process commits nothing more, so the restart resumes from these offsets.
        long committedAtKill = run.lag().committed(ScenarioRun.LABELING_GROUP, uploaded);
        long uncommittedAtKill = run.lag().lag(ScenarioRun.LABELING_GROUP, uploaded);
        assertThat(uncommittedAtKill)
                .as("clips read (their outcome is visible) but not committed at the kill, so the restart reads them "
                        + "again; committed offsets at the kill: " + committedAtKill)
                .isPositive();

        AtomicReference<Verification> after = new AtomicReference<>();
        Duration recovery = Recovery.restartAndAwait(labeling, "output resumes (reprocessed clips)", () -> {
            Verification v = run.verify(accepted);
            after.set(v);
            return !v.duplicated().isEmpty();
        }, Duration.ofSeconds(120));
        // Let the reprocessing finish: the figures then count every duplicate it produced.
        try {
            await("reprocessing finished").atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofSeconds(2))
                    .until(() -> {
                        Verification v = run.verify(accepted);
                        boolean stable = v.duplicated().size() == after.get().duplicated().size()
                                && v.rejected() == after.get().rejected();
                        after.set(v);
                        return stable && v.duplicated().size() >= uncommittedAtKill;
                    });
        } catch (ConditionTimeoutException e) {
            // The assertions below say what is short.
        }
        Verification v = after.get();
        ScenarioFigures.of("labeling-kill-9-at-least-once", "kill -9 of labeling with at_least_once (control)", v,
                recovery, Duration.ofNanos(System.nanoTime() - start),
                "expected to fail: " + v.duplicated().size() + " duplicated of " + beforeKill.clipsOut()
                        + " clips out before the kill (" + beforeKill.batched() + " batched); " + uncommittedAtKill
                        + " read but not committed at the kill (" + committedAtKill + " committed); reasons "
                        + v.rejectReasons()).record();

        assertThat(v.duplicated()).as("at-least-once must show duplicates").isNotEmpty();
        // Each clip beyond the committed offsets was processed twice: the verifier must see every one of them.
        assertThat(v.duplicated().size()).as("duplicated clips vs clips read again after the restart")
                .isGreaterThanOrEqualTo((int) uncommittedAtKill);
        assertThatThrownBy(v::assertNothingLostOrDuplicated).hasMessageContaining("duplicated clips");
    }
}
