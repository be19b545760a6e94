package dev.clipstream.cli.bench.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class LatencyTrackerTest {

    private static final long MS = 1_000_000L;

    private final UUID a = UUID.randomUUID();
    private final UUID b = UUID.randomUUID();
    private final UUID c = UUID.randomUUID();
    private final UUID batch1 = UUID.randomUUID();
    private final UUID batch2 = UUID.randomUUID();

    @Test
    void latenciesRunFromTheAckToLabeledAndToTheBatchBeingPlaced() {
        LatencyTracker tracker = new LatencyTracker();
        tracker.acknowledged(a, 1_000 * MS);
        tracker.acknowledged(b, 1_100 * MS);
        tracker.labeled(a, 1_200 * MS);
        tracker.labeled(b, 1_400 * MS);
        tracker.batched(batch1, List.of(a, b), 2_000 * MS);
        tracker.placed(batch1, 2_500 * MS);

        assertThat(LatencySummary.of(tracker.ackToLabeled()).p50Millis()).isEqualTo(200, within(0.5));
        assertThat(LatencySummary.of(tracker.ackToLabeled()).maxMillis()).isEqualTo(300, within(0.5));
        assertThat(LatencySummary.of(tracker.ackToDispatched()).maxMillis()).isEqualTo(1_500, within(2.0));
        assertThat(tracker.progress()).isEqualTo(new LatencyTracker.Progress(2, 2, 0, 2));
        assertThat(tracker.progress().complete(2)).isTrue();
    }

    @Test
    void eventsSeenInAnyOrderAreJoinedAndALabelSeenBeforeTheAckCountsAsZero() {
        LatencyTracker tracker = new LatencyTracker();
        // PLACED fetched before the batch, the label before the upload thread noted its 201.
        tracker.placed(batch1, 3_000 * MS);
        tracker.labeled(a, 1_000 * MS);
        tracker.batched(batch1, List.of(a), 2_000 * MS);
        tracker.acknowledged(a, 1_010 * MS);

        assertThat(LatencySummary.of(tracker.ackToLabeled()).maxMillis()).isZero();
        assertThat(LatencySummary.of(tracker.ackToDispatched()).maxMillis())
                .isEqualTo(1_990, within(2.0));
    }

    @Test
    void aClipInTwoBatchesIsDispatchedWithTheFirstOneThatIsPlaced() {
        LatencyTracker tracker = new LatencyTracker();
        tracker.acknowledged(a, 0);
        tracker.labeled(a, 100 * MS);
        tracker.batched(batch1, List.of(a), 200 * MS);
        tracker.batched(batch2, List.of(a), 210 * MS);
        tracker.placed(batch2, 900 * MS);
        tracker.placed(batch1, 400 * MS);
        // A second PLACED of the same batch (a retry) does not move its time.
        tracker.placed(batch1, 5_000 * MS);

        assertThat(tracker.dispatchedNanos(a)).isEqualTo(400 * MS);
        assertThat(tracker.reachedTimes(Stage.BATCHED)).containsExactly(200 * MS);
    }

    @Test
    void aRoundIsCompleteOnlyWhenEveryAcknowledgedClipIsRejectedOrDispatched() {
        LatencyTracker tracker = new LatencyTracker();
        tracker.acknowledged(a, 0);
        tracker.acknowledged(b, 0);
        tracker.acknowledged(c, 0);
        tracker.rejected(c, 50 * MS);
        tracker.labeled(a, 60 * MS);
        tracker.labeled(b, 70 * MS);
        tracker.batched(batch1, List.of(a), 80 * MS);
        tracker.placed(batch1, 90 * MS);

        assertThat(tracker.progress()).isEqualTo(new LatencyTracker.Progress(3, 2, 1, 1));
        assertThat(tracker.progress().complete(3)).isFalse();
        assertThat(tracker.unaccounted()).isEmpty();

        tracker.batched(batch2, List.of(b), 100 * MS);
        tracker.placed(batch2, 110 * MS);

        assertThat(tracker.progress().complete(3)).isTrue();
        // Not complete while uploads are still expected.
        assertThat(tracker.progress().complete(4)).isFalse();
    }

    @Test
    void clipsOfOtherRoundsAreIgnored() {
        LatencyTracker tracker = new LatencyTracker();
        tracker.acknowledged(a, 0);
        tracker.labeled(b, 10 * MS);
        tracker.batched(batch1, List.of(b), 20 * MS);
        tracker.placed(batch1, 30 * MS);

        assertThat(tracker.ackToLabeled().getTotalCount()).isZero();
        assertThat(tracker.reachedTimes(Stage.DISPATCHED)).isEmpty();
        assertThat(tracker.unaccounted()).containsExactly(a);
    }
}
