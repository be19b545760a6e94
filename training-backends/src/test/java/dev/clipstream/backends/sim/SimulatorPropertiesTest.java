package dev.clipstream.backends.sim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clipstream.backends.api.BackendStatusView;
import dev.clipstream.backends.api.JobRequest;
import dev.clipstream.backends.api.JobState;
import dev.clipstream.backends.api.JobView;
import dev.clipstream.backends.api.Priority;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.From;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;

/** Invariants of the model under arbitrary sequences of requests, faults and time. */
class SimulatorPropertiesTest {

    private static final Instant START = Instant.parse("2026-11-01T00:00:00Z");

    enum Kind { SUBMIT, ADVANCE, CANCEL, PREEMPT, CAPACITY, OUTAGE, RECOVER, SLOWDOWN }

    record Action(Kind kind, int amount) {
    }

    @Provide
    Arbitrary<Action> actions() {
        return Combinators.combine(
                Arbitraries.of(Kind.class),
                Arbitraries.integers().between(0, 1000)).as(Action::new);
    }

    @Property(tries = 200)
    void capacityIsNeverExceededAndStatusAgreesWithTheJobs(@ForAll @Size(max = 60) List<@From("actions") Action> script,
                                                            @ForAll long seed) {
        SimulatedClock clock = SimulatedClock.manual(START);
        // Random faults on, and frequent, so that their events interleave with the script's.
        SimulatedBackendSettings settings = SimulatedBackendSettings.nvidiaDefaults().withSeed(seed)
                .withCapacity(96)
                .withPreemptionRatePerHour(3)
                .withOutages(new OutageModel(6, Duration.ofMinutes(20)))
                .withMaintenance(new MaintenancePlan(Duration.ofHours(5), Duration.ofMinutes(30), Duration.ofHours(1)))
                .withSupply(new SupplyWalk(Duration.ofMinutes(20), 32, 0, 160));
        BackendSimulator sim = new BackendSimulator(settings, clock);
        int submitted = 0;
        for (Action action : script) {
            try {
                apply(sim, clock, action, submitted);
            } catch (BackendDownException expected) {
                assertThat(sim.status().up()).isFalse();
            }
            if (action.kind() == Kind.SUBMIT) {
                submitted++;
            }
            checkInvariants(sim);
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
        assertThat(used).isLessThanOrEqualTo(status.capacityUnits());
        assertThat(used).isEqualTo(sim.usedUnitsNow());
        assertThat(status.runningJobs()).isEqualTo(running.size());
        assertThat(status.queuedJobs()).isEqualTo((int) jobs.stream().filter(j -> j.state() == JobState.QUEUED).count());
        if (status.up()) {
            assertThat(status.freeUnits()).isEqualTo(status.capacityUnits() - used);
            // Nothing waits while a job could start.
            if (status.queuedJobs() > 0) {
                assertThat(status.freeJobSlots()).isZero();
            }
        } else {
            assertThat(running).isEmpty();
            assertThat(status.freeJobSlots()).isZero();
        }
        for (JobView job : jobs) {
            assertThat(job.finishedAt() != null).isEqualTo(job.state().isFinal());
            assertThat(job.failureReason() != null)
                    .isEqualTo(job.state() == JobState.FAILED || job.state() == JobState.PREEMPTED);
            assertThat(job.progress()).isBetween(0.0, 1.0);
            assertThat(job.costUsd()).isGreaterThanOrEqualTo(0);
        }
        // At most one live attempt per batch: the idempotency key holds.
        assertThat(jobs.stream().filter(j -> !j.state().isFinal() || j.state() == JobState.SUCCEEDED)
                .map(JobView::batchId)).doesNotHaveDuplicates();
    }
}
