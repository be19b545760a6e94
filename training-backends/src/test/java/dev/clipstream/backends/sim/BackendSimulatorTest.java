package dev.clipstream.backends.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.clipstream.backends.api.BackendStatusView;
import dev.clipstream.backends.api.JobRequest;
import dev.clipstream.backends.api.JobState;
import dev.clipstream.backends.api.JobView;
import dev.clipstream.backends.api.Priority;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BackendSimulatorTest {

    private static final Instant START = Instant.parse("2026-11-01T00:00:00Z");

    private final SimulatedClock clock = SimulatedClock.manual(START);

    private static JobRequest batch(String batchId, double videoSeconds, Priority priority) {
        return new JobRequest(batchId, "campaign-1", 100, videoSeconds, 36.0, priority);
    }

    private BackendSimulator dojo(int tiles) {
        return new BackendSimulator(SimulatedBackendSettings.dojoDefaults().withoutRandomFaults().withCapacity(tiles),
                clock);
    }

    @Test
    void durationAndCostFollowTheThroughputModel() {
        BackendSimulator sim = dojo(120);
        // 1000 s x 36 fps x 1e15 FLOP / (12 tiles x 9.05e15 FLOP/s x 0.4) = 828.73 s
        double expected = 1000 * 36 * 1e15 / (12 * 25 * 362e12 * 0.4);

        JobView submitted = sim.submit(batch("b1", 1000, Priority.LIVE)).job();
        assertThat(submitted.state()).isEqualTo(JobState.RUNNING);
        assertThat(submitted.simulatedDurationSeconds()).isCloseTo(expected, within(1e-6));
        assertThat(submitted.units()).isEqualTo(12);

        clock.advance(Duration.ofSeconds(828));
        JobView almost = sim.job(submitted.jobId()).orElseThrow();
        assertThat(almost.state()).isEqualTo(JobState.RUNNING);
        assertThat(almost.progress()).isCloseTo(828 / expected, within(1e-9));

        clock.advance(Duration.ofSeconds(1));
        JobView done = sim.job(submitted.jobId()).orElseThrow();
        assertThat(done.state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(done.progress()).isEqualTo(1.0);
        assertThat(done.finishedAt()).isEqualTo(START.plusNanos((long) Math.ceil(expected * 1e9)));
        assertThat(done.simulatedDurationSeconds()).isCloseTo(expected, within(1e-6));
        assertThat(done.costUsd()).isCloseTo(12 * 15.0 * expected / 3600, within(1e-6));
        assertThat(sim.totalCostUsd()).isCloseTo(done.costUsd(), within(1e-9));
    }

    @Test
    void nvidiaDurationUsesGpuThroughput() {
        BackendSimulator sim = new BackendSimulator(SimulatedBackendSettings.nvidiaDefaults().withoutRandomFaults(),
                clock);
        double expected = 1000 * 36 * 1e15 / (32 * 989.5e12 * 0.4);
        JobView job = sim.submit(batch("b1", 1000, Priority.LIVE)).job();
        assertThat(job.simulatedDurationSeconds()).isCloseTo(expected, within(1e-6));
        assertThat(job.kind()).isEqualTo(dev.clipstream.backends.api.BackendKindName.NVIDIA);
    }

    @Test
    void queuesWhenFullAndStartsQueuedJobsAsUnitsFree() {
        BackendSimulator sim = dojo(36); // three jobs of 12 tiles
        List<JobView> submitted = List.of(
                sim.submit(batch("b1", 100, Priority.LIVE)).job(),
                sim.submit(batch("b2", 200, Priority.LIVE)).job(),
                sim.submit(batch("b3", 300, Priority.LIVE)).job(),
                sim.submit(batch("b4", 100, Priority.LIVE)).job());
        assertThat(submitted).extracting(JobView::state)
                .containsExactly(JobState.RUNNING, JobState.RUNNING, JobState.RUNNING, JobState.QUEUED);
        BackendStatusView full = sim.status();
        assertThat(full.freeUnits()).isZero();
        assertThat(full.freeJobSlots()).isZero();
        assertThat(full.queuedJobs()).isEqualTo(1);
        assertThat(full.runningJobs()).isEqualTo(3);

        clock.advance(Duration.ofSeconds(83)); // b1 takes 82.9 s
        assertThat(sim.job(submitted.get(0).jobId()).orElseThrow().state()).isEqualTo(JobState.SUCCEEDED);
        JobView started = sim.job(submitted.get(3).jobId()).orElseThrow();
        assertThat(started.state()).isEqualTo(JobState.RUNNING);
        assertThat(started.startedAt()).isEqualTo(sim.job(submitted.get(0).jobId()).orElseThrow().finishedAt());
        assertThat(sim.usedUnitsNow()).isEqualTo(36);
    }

    @Test
    void liveJobsStartBeforeReplayJobs() {
        BackendSimulator sim = dojo(12);
        JobView running = sim.submit(batch("first", 100, Priority.REPLAY)).job();
        JobView replay = sim.submit(batch("replay", 100, Priority.REPLAY)).job();
        JobView live = sim.submit(batch("live", 100, Priority.LIVE)).job();

        clock.advance(Duration.ofSeconds(83));
        assertThat(sim.job(running.jobId()).orElseThrow().state()).isEqualTo(JobState.SUCCEEDED);
        assertThat(sim.job(live.jobId()).orElseThrow().state()).isEqualTo(JobState.RUNNING);
        assertThat(sim.job(replay.jobId()).orElseThrow().state()).isEqualTo(JobState.QUEUED);
    }

    @Test
    void submitIsIdempotentByBatchIdUntilTheJobFailsOrIsPreempted() {
        BackendSimulator sim = dojo(24);
        BackendSimulator.SubmitResult first = sim.submit(batch("b1", 100, Priority.LIVE));
        BackendSimulator.SubmitResult again = sim.submit(batch("b1", 999, Priority.REPLAY));
        assertThat(first.created()).isTrue();
        assertThat(again.created()).isFalse();
        assertThat(again.job().jobId()).isEqualTo(first.job().jobId());

        sim.preempt(first.job().jobId());
        BackendSimulator.SubmitResult retry = sim.submit(batch("b1", 100, Priority.LIVE));
        assertThat(retry.created()).isTrue();
        assertThat(retry.job().jobId()).isNotEqualTo(first.job().jobId());

        clock.advance(Duration.ofSeconds(100));
        assertThat(sim.job(retry.job().jobId()).orElseThrow().state()).isEqualTo(JobState.SUCCEEDED);
        BackendSimulator.SubmitResult afterSuccess = sim.submit(batch("b1", 100, Priority.LIVE));
        assertThat(afterSuccess.created()).isFalse();
        assertThat(afterSuccess.job().jobId()).isEqualTo(retry.job().jobId());

        assertThat(sim.jobsForBatch("b1")).extracting(JobView::state)
                .containsExactly(JobState.PREEMPTED, JobState.SUCCEEDED);
        assertThat(sim.jobs()).hasSize(2);
        assertThat(sim.submittedCount()).isEqualTo(2);
    }

    @Test
    void maintenanceWindowFailsRunningJobsRefusesSubmitsAndThenResumes() {
        SimulatedBackendSettings settings = SimulatedBackendSettings.dojoDefaults().withoutRandomFaults()
                .withCapacity(12)
                .withMaintenance(new MaintenancePlan(Duration.ofHours(24), Duration.ofHours(1), Duration.ofHours(2)));
        BackendSimulator sim = new BackendSimulator(settings, clock);
        JobView running = sim.submit(batch("long", 100_000, Priority.LIVE)).job(); // ~23 h
        JobView queued = sim.submit(batch("queued", 100, Priority.LIVE)).job();

        clock.advance(Duration.ofHours(2));
        JobView failed = sim.job(running.jobId()).orElseThrow();
        assertThat(failed.state()).isEqualTo(JobState.FAILED);
        assertThat(failed.failureReason()).contains("maintenance");
        assertThat(failed.finishedAt()).isEqualTo(START.plus(Duration.ofHours(2)));
        BackendStatusView status = sim.status();
        assertThat(status.up()).isFalse();
        assertThat(status.state()).isEqualTo("MAINTENANCE");
        assertThat(status.freeJobSlots()).isZero();
        assertThat(sim.job(queued.jobId()).orElseThrow().state()).isEqualTo(JobState.QUEUED);
        assertThatThrownBy(() -> sim.submit(batch("new", 100, Priority.LIVE)))
                .isInstanceOf(BackendDownException.class)
                .hasMessageContaining("maintenance")
                .satisfies(e -> assertThat(((BackendDownException) e).retryAfterSeconds()).isEqualTo(3600));
        // an existing job is still returned for its batch while down
        assertThat(sim.submit(batch("queued", 100, Priority.LIVE)).job().jobId()).isEqualTo(queued.jobId());

        clock.advance(Duration.ofHours(1));
        assertThat(sim.status().state()).isEqualTo("UP");
        JobView resumed = sim.job(queued.jobId()).orElseThrow();
        assertThat(resumed.state()).isEqualTo(JobState.RUNNING);
        assertThat(resumed.startedAt()).isEqualTo(START.plus(Duration.ofHours(3)));
        assertThat(sim.events()).extracting(SimEvent::type)
                .contains(SimEvent.Type.MAINTENANCE_STARTED, SimEvent.Type.MAINTENANCE_ENDED);
    }

    @Test
    void injectedOutageFailsRunningJobsKeepsQueuedOnesAndEndsByItselfOrOnRecover() {
        BackendSimulator sim = dojo(12);
        JobView running = sim.submit(batch("a", 1000, Priority.LIVE)).job();
        JobView queued = sim.submit(batch("b", 1000, Priority.LIVE)).job();

        sim.outage(Optional.of(Duration.ofMinutes(10)));
        JobView failed = sim.job(running.jobId()).orElseThrow();
        assertThat(failed.state()).isEqualTo(JobState.FAILED);
        assertThat(failed.failureReason()).contains("outage");
        assertThat(sim.status().state()).isEqualTo("DOWN");
        assertThat(sim.job(queued.jobId()).orElseThrow().state()).isEqualTo(JobState.QUEUED);

        clock.advance(Duration.ofMinutes(10));
        assertThat(sim.status().up()).isTrue();
        assertThat(sim.job(queued.jobId()).orElseThrow().state()).isEqualTo(JobState.RUNNING);

        sim.outage(Optional.empty());
        clock.advance(Duration.ofDays(1));
        assertThat(sim.status().up()).isFalse();
        assertThat(sim.job(queued.jobId()).orElseThrow().state()).isEqualTo(JobState.FAILED);
        sim.recover();
        assertThat(sim.status().up()).isTrue();
        assertThat(sim.submit(batch("a", 1000, Priority.LIVE)).created()).isTrue(); // failed -> new attempt
    }

    @Test
    void randomOutagesFailRunningJobs() {
        SimulatedBackendSettings settings = SimulatedBackendSettings.dojoDefaults().withoutRandomFaults()
                .withOutages(new OutageModel(24, Duration.ofMinutes(10))); // one an hour on average
        BackendSimulator sim = new BackendSimulator(settings, clock);
        JobView job = sim.submit(batch("long", 1_000_000, Priority.LIVE)).job(); // days of work

        clock.advance(Duration.ofDays(1));
        JobView failed = sim.job(job.jobId()).orElseThrow();
        assertThat(failed.state()).isEqualTo(JobState.FAILED);
        assertThat(failed.failureReason()).isEqualTo("backend outage while running");
        List<SimEvent> events = sim.events();
        long outages = events.stream().filter(e -> e.type() == SimEvent.Type.OUTAGE_STARTED).count();
        assertThat(outages).isBetween(8L, 48L);
        assertThat(events.stream().filter(e -> e.type() == SimEvent.Type.OUTAGE_STARTED).findFirst().orElseThrow()
                .at()).isEqualTo(failed.finishedAt());
    }

    @Test
    void spotPreemptionsHitRunningNvidiaJobs() {
        SimulatedBackendSettings settings = SimulatedBackendSettings.nvidiaDefaults().withoutRandomFaults()
                .withPreemptionRatePerHour(2);
        BackendSimulator sim = new BackendSimulator(settings, clock);
        for (int i = 0; i < 8; i++) {
            sim.submit(batch("b" + i, 100_000, Priority.LIVE));
        }
        clock.advance(Duration.ofHours(6));
        List<JobView> jobs = sim.jobs();
        assertThat(jobs).filteredOn(j -> j.state() == JobState.PREEMPTED).isNotEmpty()
                .allSatisfy(j -> assertThat(j.failureReason()).startsWith("spot preemption"));
        assertThat(jobs).filteredOn(j -> j.state() == JobState.FAILED).isEmpty();
    }

    @Test
    void injectedPreemptionOfAFinishedJobIsRefused() {
        BackendSimulator sim = dojo(12);
        JobView job = sim.submit(batch("a", 10, Priority.LIVE)).job();
        clock.advance(Duration.ofMinutes(1));
        assertThatThrownBy(() -> sim.preempt(job.jobId())).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("already finished");
        assertThatThrownBy(() -> sim.preempt("nope")).isInstanceOf(UnknownJobException.class);
    }

    @Test
    void supplyWalkChangesCapacityWithinBoundsAndShrinkingPreemptsNewestJobs() {
        SimulatedBackendSettings settings = SimulatedBackendSettings.nvidiaDefaults().withoutRandomFaults()
                .withSupply(new SupplyWalk(Duration.ofHours(1), 32, 64, 512));
        BackendSimulator sim = new BackendSimulator(settings, clock);
        clock.advance(Duration.ofDays(30));
        List<SimEvent> changes = sim.events().stream()
                .filter(e -> e.type() == SimEvent.Type.CAPACITY_CHANGED).toList();
        assertThat(changes).hasSizeGreaterThan(100);
        assertThat(sim.status().capacityUnits()).isBetween(64, 512).isEqualTo(sim.status().capacityUnits() / 32 * 32);

        BackendSimulator fixed = new BackendSimulator(SimulatedBackendSettings.nvidiaDefaults().withoutRandomFaults()
                .withCapacity(96), clock);
        JobView oldest = fixed.submit(batch("a", 100_000, Priority.LIVE)).job();
        JobView middle = fixed.submit(batch("b", 100_000, Priority.LIVE)).job();
        JobView newest = fixed.submit(batch("c", 100_000, Priority.LIVE)).job();
        fixed.setCapacity(64);
        assertThat(fixed.job(newest.jobId()).orElseThrow().state()).isEqualTo(JobState.PREEMPTED);
        assertThat(fixed.job(newest.jobId()).orElseThrow().failureReason()).contains("capacity reclaimed");
        assertThat(fixed.job(oldest.jobId()).orElseThrow().state()).isEqualTo(JobState.RUNNING);
        assertThat(fixed.job(middle.jobId()).orElseThrow().state()).isEqualTo(JobState.RUNNING);
        fixed.setCapacity(128);
        assertThat(fixed.status().freeJobSlots()).isEqualTo(2);
    }

    @Test
    void slowdownStretchesTheRemainingWork() {
        BackendSimulator sim = dojo(12);
        JobView job = sim.submit(batch("a", 1000, Priority.LIVE)).job();
        double nominal = job.simulatedDurationSeconds();
        clock.advance(Duration.ofSeconds(100));
        sim.slowdown(2.0);
        JobView slowed = sim.job(job.jobId()).orElseThrow();
        assertThat(slowed.simulatedDurationSeconds()).isCloseTo(100 + (nominal - 100) * 2, within(1e-6));
        clock.advance(Duration.ofSeconds((long) Math.ceil(100 + (nominal - 100) * 2) - 100));
        assertThat(sim.job(job.jobId()).orElseThrow().state()).isEqualTo(JobState.SUCCEEDED);
        assertThatThrownBy(() -> sim.slowdown(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("factor");
    }

    @Test
    void cancelStopsQueuedAndRunningJobsAndLeavesFinishedOnes() {
        BackendSimulator sim = dojo(12);
        JobView running = sim.submit(batch("a", 1000, Priority.LIVE)).job();
        JobView queued = sim.submit(batch("b", 1000, Priority.LIVE)).job();
        assertThat(sim.cancel(queued.jobId()).state()).isEqualTo(JobState.CANCELLED);
        clock.advance(Duration.ofSeconds(10));
        JobView cancelled = sim.cancel(running.jobId());
        assertThat(cancelled.state()).isEqualTo(JobState.CANCELLED);
        assertThat(cancelled.costUsd()).isCloseTo(12 * 15.0 * 10 / 3600, within(1e-9));
        assertThat(sim.status().freeUnits()).isEqualTo(12);
        assertThat(sim.cancel(running.jobId()).finishedAt()).isEqualTo(cancelled.finishedAt());
        assertThat(sim.submit(batch("b", 1000, Priority.LIVE)).created()).isTrue();
        assertThatThrownBy(() -> sim.cancel("missing")).isInstanceOf(UnknownJobException.class);
    }

    @Test
    void invalidRequestsNameTheField() {
        BackendSimulator sim = dojo(12);
        assertThatThrownBy(() -> sim.submit(new JobRequest("b", "c", 1, -5, 36, Priority.LIVE)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("videoSeconds");
        assertThatThrownBy(() -> sim.submit(new JobRequest("b", "c", 1, 5, 36, null)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("priority");
    }
}
