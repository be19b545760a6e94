package dev.clipstream.cli.bench.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class ThroughputTimelineTest {

    private static final long S = 1_000_000_000L;
    private static final long START = 5_000 * S;

    @Test
    void countsRecordsPerWholeSecondSinceTheStart() {
        ThroughputTimeline timeline = new ThroughputTimeline(START);
        timeline.record(Stage.UPLOADED, START + S / 2, 1);
        timeline.record(Stage.UPLOADED, START + S / 3, 2);
        timeline.record(Stage.UPLOADED, START + 2 * S + 1, 4);
        timeline.record(Stage.LABELED, START + 3 * S, 1);

        assertThat(timeline.perSecond(Stage.UPLOADED, 5)).containsExactly(3L, 0L, 4L, 0L, 0L);
        assertThat(timeline.perSecond(Stage.LABELED, 0)).containsExactly(0L, 0L, 0L, 1L);
        assertThat(timeline.total(Stage.UPLOADED)).isEqualTo(7);
        assertThat(timeline.seconds()).isEqualTo(4);
        assertThat(timeline.peakRate(Stage.UPLOADED)).isEqualTo(4);
    }

    @Test
    void meanRateRunsFromTheStagesFirstToItsLastRecord() {
        ThroughputTimeline timeline = new ThroughputTimeline(START);
        timeline.record(Stage.LABELED, START + 10 * S, 50);
        timeline.record(Stage.LABELED, START + 12 * S, 50);

        // 100 records between 10 s and 12 s.
        assertThat(timeline.meanRate(Stage.LABELED, START + 20 * S)).isCloseTo(50, within(1e-9));
        assertThat(timeline.meanRate(Stage.BATCHED, START + 20 * S)).isZero();
    }

    @Test
    void aStageWithAllRecordsAtOneMomentUsesTheRoundSoFar() {
        ThroughputTimeline timeline = new ThroughputTimeline(START);
        timeline.record(Stage.BATCHED, START + 3 * S, 2);

        assertThat(timeline.meanRate(Stage.BATCHED, START + 4 * S)).isCloseTo(0.5, within(1e-9));
    }

    @Test
    void bucketsOfTimesCountEachTimeOnceAndPutEarlierOnesInTheFirstSecond() {
        assertThat(ThroughputTimeline.bucket(List.of(START - S, START, START + S + 5, START + 2 * S - 1), START))
                .containsExactly(2L, 2L);
        assertThat(ThroughputTimeline.bucket(List.of(), START)).isEmpty();
    }
}
