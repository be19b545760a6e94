package dev.clipstream.backends.sim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clipstream.backends.api.BackendStatusView;
import dev.clipstream.backends.api.JobRequest;
import dev.clipstream.backends.api.JobState;
import dev.clipstream.backends.api.JobView;
import dev.clipstream.backends.api.Priority;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Invariants of the model under random sequences of requests, faults and time.
 *
 * <p>Each case is built from its own seed (derived from a fixed base seed), which is in the test name and in every
 * failure message. To replay one case: {@code -Dsim.properties.seed=<case seed>} (then only that case runs).
 */
class SimulatorPropertiesTest {

    private static final Instant START = Instant.parse("2026-11-01T00:00:00Z");
    private static final long BASE_SEED = 0x5EED_C11B_2026L;
    private static final int CASES = 200;
    private static final int MAX_SCRIPT_LENGTH = 60;
    private static final int MAX_AMOUNT = 1000;

    enum Kind { SUBMIT, ADVANCE, CANCEL, PREEMPT, CAPACITY, OUTAGE, RECOVER, SLOWDOWN }

    record Action(Kind kind, int amount) {
    }

    /** One generated case: the script and the simulator seed, both derived from {@code caseSeed}. */
    record Case(long caseSeed, long simulatorSeed, List<Action> script) {

        static Case generate(long caseSeed) {
            Random random = new Random(caseSeed);
            // Boundary values now and then, as a generator with edge cases would.
            long simulatorSeed = switch (random.nextInt(20)) {
                case 0 -> 0L;
                case 1 -> Long.MIN_VALUE;
                case 2 -> Long.MAX_VALUE;
                default -> random.nextLong();
            };
            int length = random.nextInt(10) == 0 ? random.nextInt(3) : random.nextInt(MAX_SCRIPT_LENGTH + 1);
            Kind[] kinds = Kind.values();
            List<Action> script = new ArrayList<>(length);
            for (int i = 0; i < length; i++) {
                int amount = switch (random.nextInt(10)) {
                    case 0 -> 0;
                    case 1 -> MAX_AMOUNT;
                    default -> random.nextInt(MAX_AMOUNT + 1);
                };
                script.add(new Action(kinds[random.nextInt(kinds.length)], amount));
            }
            return new Case(caseSeed, simulatorSeed, List.copyOf(script));
        }

        @Override
        public String toString() {
            return "seed " + caseSeed + " (" + script.size() + " actions)";
        }
    }

    static Stream<Case> cases() {
        String replay = System.getProperty("sim.properties.seed");
        if (replay != null && !replay.isBlank()) {
            return Stream.of(Case.generate(Long.parseLong(replay.trim())));
        }
        Random base = new Random(BASE_SEED);
        return LongStream.generate(base::nextLong).limit(CASES).mapToObj(Case::generate);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("cases")
    void capacityIsNeverExceededAndStatusAgreesWithTheJobs(Case testCase) {
        SimulatedClock clock = SimulatedClock.manual(START);
        // Random faults on, and frequent, so that their events interleave with the script's.
        SimulatedBackendSettings settings = SimulatedBackendSettings.nvidiaDefaults()
                .withSeed(testCase.simulatorSeed())
                .withCapacity(96)
                .withPreemptionRatePerHour(3)
                .withOutages(new OutageModel(6, Duration.ofMinutes(20)))
                .withMaintenance(new MaintenancePlan(Duration.ofHours(5), Duration.ofMinutes(30), Duration.ofHours(1)))
                .withSupply(new SupplyWalk(Duration.ofMinutes(20), 32, 0, 160));
        BackendSimulator sim = new BackendSimulator(settings, clock);
        int submitted = 0;
        List<Action> script = testCase.script();
        for (int step = 0; step < script.size(); step++) {
            Action action = script.get(step);
            try {
                try {
                    apply(sim, clock, action, submitted);
                } catch (BackendDownException expected) {
                    assertThat(sim.status().up()).as("status().up() after BackendDownException").isFalse();
                }
                if (action.kind() == Kind.SUBMIT) {
                    submitted++;
                }
                checkInvariants(sim);
            } catch (AssertionError | RuntimeException failure) {
                throw new AssertionError("invariant broken: case seed " + testCase.caseSeed()
                        + " (replay with -Dsim.properties.seed=" + testCase.caseSeed() + "), simulator seed "
                        + testCase.simulatorSeed() + ", after step " + step + " " + action + " of script "
                        + script.subList(0, step + 1) + ": " + failure.getMessage(), failure);
            }
        }
    }

    private static void apply(BackendSimulator sim, SimulatedClock clock, Action action, int submitted) {
        List<JobView> jobs = sim.jobs();
        switch (action.kind()) {
            case SUBMIT -> sim.submit(new JobRequest("b" + (action.amount() % Math.max(1, submitted + 1)), "c", 1,
                    10 + action.amount(), 36, action.amount() % 2 == 0 ? Priority.LIVE : Priority.REPLAY));
            case ADVANCE -> clock.advance(Duration.ofSeconds(action.amount() * 7L));
            case CANCEL -> {
                if (!jobs.isEmpty()) {
                    sim.cancel(jobs.get(action.amount() % jobs.size()).jobId());
                }
            }
            case PREEMPT -> jobs.stream().filter(j -> !j.state().isFinal()).findFirst()
                    .ifPresent(j -> sim.preempt(j.jobId()));
            case CAPACITY -> sim.setCapacity(action.amount() % 200);
            case OUTAGE -> sim.outage(action.amount() % 2 == 0 ? Optional.empty()
                    : Optional.of(Duration.ofSeconds(action.amount())));
            case RECOVER -> sim.recover();
            case SLOWDOWN -> sim.slowdown(0.5 + action.amount() / 200.0);
        }
    }

    private static void checkInvariants(BackendSimulator sim) {
        BackendStatusView status = sim.status();
        List<JobView> jobs = sim.jobs();
        List<JobView> running = jobs.stream().filter(j -> j.state() == JobState.RUNNING).toList();
        int used = running.stream().mapToInt(JobView::units).sum();
        assertThat(used).as("units used by RUNNING jobs vs capacity").isLessThanOrEqualTo(status.capacityUnits());
        assertThat(used).as("units used by RUNNING jobs vs usedUnitsNow()").isEqualTo(sim.usedUnitsNow());
        assertThat(status.runningJobs()).as("status.runningJobs").isEqualTo(running.size());
        assertThat(status.queuedJobs()).as("status.queuedJobs")
                .isEqualTo((int) jobs.stream().filter(j -> j.state() == JobState.QUEUED).count());
        if (status.up()) {
            assertThat(status.freeUnits()).as("status.freeUnits while up").isEqualTo(status.capacityUnits() - used);
            // Nothing waits while a job could start.
            if (status.queuedJobs() > 0) {
                assertThat(status.freeJobSlots()).as("free job slots while jobs are queued").isZero();
            }
        } else {
            assertThat(running).as("RUNNING jobs while down").isEmpty();
            assertThat(status.freeJobSlots()).as("free job slots while down").isZero();
        }
        for (JobView job : jobs) {
            assertThat(job.finishedAt() != null).as("finishedAt set iff final: %s", job)
                    .isEqualTo(job.state().isFinal());
            assertThat(job.failureReason() != null).as("failureReason set iff FAILED/PREEMPTED: %s", job)
                    .isEqualTo(job.state() == JobState.FAILED || job.state() == JobState.PREEMPTED);
            assertThat(job.progress()).as("progress of %s", job.jobId()).isBetween(0.0, 1.0);
            assertThat(job.costUsd()).as("cost of %s", job.jobId()).isGreaterThanOrEqualTo(0);
        }
        // At most one live attempt per batch: the idempotency key holds.
        assertThat(jobs.stream().filter(j -> !j.state().isFinal() || j.state() == JobState.SUCCEEDED)
                .map(JobView::batchId)).as("batch ids of live or succeeded jobs").doesNotHaveDuplicates();
    }
}
