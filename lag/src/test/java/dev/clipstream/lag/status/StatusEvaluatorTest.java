package dev.clipstream.lag.status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clipstream.lag.model.LagStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatusEvaluatorTest {

    private final StatusEvaluator evaluator = new StatusEvaluator(3);

    /** Samples of one partition "t-0": each pair is (committed offset, lag). */
    private static List<GroupSample> series(int members, long... committedAndLag) {
        List<GroupSample> samples = new ArrayList<>();
        for (int i = 0; i < committedAndLag.length; i += 2) {
            samples.add(new GroupSample(Instant.ofEpochSecond(i), true, null, members,
                    Map.of("t-0", new PartitionSample(committedAndLag[i], committedAndLag[i + 1]))));
        }
        return samples;
    }

    @Test
    void caughtUpGroupIsOkEvenWhenItsOffsetNeverMoves() {
        // An idle topic: nothing to consume, nothing committed, for the whole window. Not stalled.
        StatusVerdict verdict = evaluator.evaluate(series(1, 10, 0, 10, 0, 10, 0, 10, 0));
        assertThat(verdict.status()).isEqualTo(LagStatus.OK);
    }

    @Test
    void committedOffsetThatDoesNotMoveWhileLagIsAboveZeroIsStalled() {
        StatusVerdict verdict = evaluator.evaluate(series(1, 10, 5, 10, 5, 10, 7));
        assertThat(verdict.status()).isEqualTo(LagStatus.STALLED);
        assertThat(verdict.reason()).contains("t-0");
    }

    @Test
    void stalledNeedsAFullWindow() {
        assertThat(evaluator.evaluate(series(1, 10, 5, 10, 5)).status()).isEqualTo(LagStatus.OK);
    }

    @Test
    void lagGrowingAcrossTheWindowWhileCommittingIsWarning() {
        StatusVerdict verdict = evaluator.evaluate(series(1, 10, 5, 12, 8, 15, 8, 20, 11));
        assertThat(verdict.status()).isEqualTo(LagStatus.WARNING);
    }

    @Test
    void lagThatFallsOnceInTheWindowIsOk() {
        assertThat(evaluator.evaluate(series(1, 10, 5, 12, 8, 15, 6, 20, 11)).status()).isEqualTo(LagStatus.OK);
    }

    @Test
    void constantLagWhileCommittingIsOk() {
        assertThat(evaluator.evaluate(series(1, 10, 5, 20, 5, 30, 5)).status()).isEqualTo(LagStatus.OK);
    }

    @Test
    void noMembersAndLagIsStoppedAtOnce() {
        assertThat(evaluator.evaluate(series(0, 10, 5)).status()).isEqualTo(LagStatus.STOPPED);
    }

    @Test
    void noMembersAndNoLagIsOk() {
        assertThat(evaluator.evaluate(series(0, 10, 0)).status()).isEqualTo(LagStatus.OK);
    }

    @Test
    void unreadableOffsetsAreErrorAndBreakTheTrend() {
        List<GroupSample> samples = series(1, 10, 5, 10, 5, 10, 5);
        samples.add(new GroupSample(Instant.ofEpochSecond(99), false, "broker down", 1, Map.of()));
        StatusVerdict verdict = evaluator.evaluate(samples);
        assertThat(verdict.status()).isEqualTo(LagStatus.ERROR);
        assertThat(verdict.reason()).contains("broker down");

        samples.add(series(1, 10, 5).get(0));
        // After the error only one readable sample: too few for STALLED.
        assertThat(evaluator.evaluate(samples).status()).isEqualTo(LagStatus.OK);
    }

    @Test
    void partitionWithoutCommittedOffsetHasNoTrendAndNoLag() {
        List<GroupSample> samples = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            samples.add(new GroupSample(Instant.ofEpochSecond(i), true, null, 1,
                    Map.of("t-0", new PartitionSample(null, null))));
        }
        assertThat(evaluator.evaluate(samples).status()).isEqualTo(LagStatus.OK);
        assertThat(evaluator.evaluate(samples).reason()).isEqualTo("lag undefined: no committed offsets yet");
    }

    @Test
    void emptyWindowIsOkAndTooSmallMinimumIsRejected() {
        assertThat(evaluator.evaluate(List.of()).status()).isEqualTo(LagStatus.OK);
        assertThatThrownBy(() -> new StatusEvaluator(1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("minSamples");
    }

    @Test
    void stalledWinsOverWarningOnAnotherPartition() {
        List<GroupSample> samples = new ArrayList<>();
        long[][] rows = {{5, 1}, {5, 2}, {5, 3}};
        for (int i = 0; i < rows.length; i++) {
            samples.add(new GroupSample(Instant.ofEpochSecond(i), true, null, 2, Map.of(
                    "a-0", new PartitionSample(rows[i][0], 4L),
                    "b-0", new PartitionSample(100L + i, rows[i][1]))));
        }
        StatusVerdict verdict = evaluator.evaluate(samples);
        assertThat(verdict.status()).isEqualTo(LagStatus.STALLED);
        assertThat(verdict.reason()).contains("a-0").doesNotContain("b-0");
    }
}
