package dev.clipstream.dispatch.state;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clipstream.dispatch.events.DispatchEvents;
import dev.clipstream.dispatch.policy.BatchPriority;
import dev.clipstream.dispatch.policy.Placement;
import dev.clipstream.schemas.avro.DispatchDecision;
import dev.clipstream.schemas.avro.DispatchEvent;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class DispatchStateTest {

    private static final String BATCH = UUID.randomUUID().toString();
    private final DispatchEvents events =
            new DispatchEvents(Clock.fixed(Instant.parse("2026-11-29T03:00:00Z"), ZoneOffset.UTC));

    @Test
    void aRebuiltStateEqualsTheLiveOneAndRemembersEndedJobs() {
        DispatchState live = new DispatchState();
        List<DispatchEvent> log = new ArrayList<>();
        BatchRecord.JobSpec spec = new BatchRecord.JobSpec("c", 10, 100, 36, BatchPriority.REPLAY,
                Instant.parse("2026-11-29T02:59:00Z"));
        record(live, log, events.queued(BATCH, spec));
        BatchRecord batch = live.batch(BATCH).orElseThrow();
        record(live, log, events.assigned(batch, new Placement(BATCH, "dojo", "preferred", List.of("dojo: chosen"))));
        record(live, log, events.placed(batch, "job-1", "accepted"));
        record(live, log, events.started(batch, "runs"));
        record(live, log, events.ended(batch, DispatchDecision.FAILED, "outage", 10.0, 1.0));
        record(live, log, events.assigned(batch, new Placement(BATCH, "nvidia", "fell back", List.of())));

        DispatchState rebuilt = new DispatchState();
        log.forEach(rebuilt::apply);

        BatchRecord again = rebuilt.batch(BATCH).orElseThrow();
        assertThat(again.phase()).isEqualTo(BatchPhase.ASSIGNED);
        assertThat(again.backend()).isEqualTo("nvidia");
        assertThat(again.previousBackend()).isEqualTo("dojo");
        assertThat(again.attempt()).isEqualTo(2);
        assertThat(again.endedJobIds()).containsExactly("job-1");
        assertThat(again.spec()).isEqualTo(spec);
        assertThat(log.get(5).getAttempt()).isEqualTo(2);
        assertThat(log.get(5).getPreviousBackendId()).isEqualTo("dojo");
    }

    @Test
    void aSecondQueuedEventOfTheSameBatchChangesNothing() {
        DispatchState state = new DispatchState();
        BatchRecord.JobSpec spec = new BatchRecord.JobSpec("c", 1, 1, 36, BatchPriority.LIVE, Instant.EPOCH);
        state.apply(events.queued(BATCH, spec));
        BatchRecord batch = state.batch(BATCH).orElseThrow();
        state.apply(events.assigned(batch, new Placement(BATCH, "dojo", "r", List.of())));
        state.apply(events.placed(batch, "j", "ok"));
        state.apply(events.completed(batch, 5, 2));

        state.apply(events.queued(BATCH, spec));

        assertThat(state.batch(BATCH).orElseThrow().phase()).isEqualTo(BatchPhase.COMPLETED);
        assertThat(state.batch(BATCH).orElseThrow().completions()).isEqualTo(1);
        assertThat(state.countByPhase()).containsEntry(BatchPhase.COMPLETED, 1L);
    }

    private static void record(DispatchState state, List<DispatchEvent> log, DispatchEvent event) {
        state.apply(event);
        log.add(event);
    }
}
