package dev.clipstream.dispatch.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clipstream.backends.api.BackendKindName;
import dev.clipstream.backends.api.JobState;
import dev.clipstream.backends.api.JobView;
import dev.clipstream.dispatch.events.DispatchEvents;
import dev.clipstream.dispatch.policy.BatchPriority;
import dev.clipstream.dispatch.policy.Placement;
import dev.clipstream.dispatch.state.BatchRecord;
import dev.clipstream.dispatch.state.DispatchState;
import dev.clipstream.schemas.avro.DispatchDecision;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/**
 * Which job a batch may treat as an attempt it already gave up on, and when a cancel counts as recently sent. Both
 * once caused a batch to train twice in the backend-failure scenario: a restarted backend reused a job id, and a
 * never-sent cancel left jobs on a hung backend unaccounted for.
 */
class EndedAttemptTest {

    private static final String BATCH = "0b0e5c1d-1f9a-4c1e-9a55-6f8b2f6b1a01";
    private final DispatchEvents events =
            new DispatchEvents(Clock.fixed(Instant.parse("2026-11-29T09:00:00Z"), ZoneOffset.UTC));

    /** A batch whose first job, "dojo-000001", failed; now assigned to dojo again. */
    private BatchRecord batchWithFailedJob() {
        DispatchState state = new DispatchState();
        state.apply(events.queued(BATCH, new BatchRecord.JobSpec("c", 10, 100, 36, BatchPriority.LIVE,
                Instant.EPOCH)));
        BatchRecord batch = state.batch(BATCH).orElseThrow();
        state.apply(events.assigned(batch, new Placement(BATCH, "dojo", "preferred", List.of())));
        state.apply(events.placed(batch, "dojo-000001", "accepted"));
        state.apply(events.ended(batch, DispatchDecision.FAILED, "outage", 1.0, 0.1));
        state.apply(events.assigned(batch, new Placement(BATCH, "dojo", "preferred", List.of())));
        return batch;
    }

    private static JobView job(String id, JobState state) {
        return new JobView(id, BATCH, "dojo", BackendKindName.DOJO, state, Instant.EPOCH, null, null, 0, 1, 0,
                null, 12);
    }

    @ParameterizedTest
    @EnumSource(value = JobState.class, names = {"FAILED", "PREEMPTED", "CANCELLED"})
    void theRecordedJobStillShowingHowItEndedIsTheEndedAttempt(JobState state) {
        assertThat(DispatchLoop.isEndedAttempt(batchWithFailedJob(), job("dojo-000001", state))).isTrue();
    }

    @ParameterizedTest
    @EnumSource(value = JobState.class, names = {"QUEUED", "RUNNING", "SUCCEEDED"})
    void aLiveOrSucceededJobUnderARecordedIdIsANewJobThatReusesTheId(JobState state) {
        assertThat(DispatchLoop.isEndedAttempt(batchWithFailedJob(), job("dojo-000001", state))).isFalse();
    }

    @Test
    void anotherJobIdIsNeverTheEndedAttempt() {
        assertThat(DispatchLoop.isEndedAttempt(batchWithFailedJob(), job("dojo-000002", JobState.FAILED))).isFalse();
    }

    @Test
    void noCancelSentMeansNoneIsRecentWhateverTheClockReads() {
        BatchRecord batch = batchWithFailedJob();
        // nanoTime may be any long, negative too; a "never" sentinel in the arithmetic once overflowed.
        for (long now : new long[] {Long.MIN_VALUE + 1, -1, 0, 1, System.nanoTime(), Long.MAX_VALUE}) {
            assertThat(batch.cancelSentWithin(now, Duration.ofSeconds(10))).as("now = %d", now).isFalse();
        }
        long sentAt = System.nanoTime();
        batch.cancelSent(sentAt);
        assertThat(batch.cancelSentWithin(sentAt + Duration.ofSeconds(9).toNanos(), Duration.ofSeconds(10))).isTrue();
        assertThat(batch.cancelSentWithin(sentAt + Duration.ofSeconds(10).toNanos(), Duration.ofSeconds(10)))
                .isFalse();
    }
}
