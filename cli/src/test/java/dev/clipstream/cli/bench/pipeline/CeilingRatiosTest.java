package dev.clipstream.cli.bench.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class CeilingRatiosTest {

    @Test
    void endToEndRatioIsClipsPerSecondTimesHopsOverTheProducersRate() {
        // 50 clips/s through 4 hops = 200 topic writes per second, against 1000 records/s: 0.2.
        assertThat(CeilingRatios.endToEnd(50, 4, 1000)).isCloseTo(0.2, within(1e-12));
        assertThat(CeilingRatios.endToEnd(175, 4, 1000)).isCloseTo(0.7, within(1e-12));
        assertThat(CeilingRatios.endToEnd(0, 4, 1000)).isZero();
    }

    @Test
    void theEndToEndRatioCountsTheFourTopicsAClipPasses() {
        assertThat(Stage.hops()).isEqualTo(4);
        assertThat(Stage.values()).extracting(Stage::topicName)
                .containsExactly("clips.uploaded", "clips.labeled", "training.batches", "dispatch.events");
    }

    @Test
    void hopRatioIsRecordsPerSecondOverTheProducersRateAtThatSize() {
        assertThat(CeilingRatios.hop(35, 50)).isCloseTo(0.7, within(1e-12));
        assertThat(CeilingRatios.hop(120, 100)).isCloseTo(1.2, within(1e-12));
    }

    @Test
    void theTargetIsMetFromSevenTenthsOn() {
        assertThat(CeilingRatios.met(0.7)).isTrue();
        assertThat(CeilingRatios.met(0.6999)).isFalse();
        assertThat(CeilingRatios.met(1.5)).isTrue();
    }

    @Test
    void aMissingOrBrokenReferenceIsAnErrorNotAnInfiniteRatio() {
        assertThatThrownBy(() -> CeilingRatios.endToEnd(10, 4, 0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("reference records/s");
        assertThatThrownBy(() -> CeilingRatios.hop(10, Double.NaN)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CeilingRatios.endToEnd(10, 0, 100)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("hops");
        assertThatThrownBy(() -> CeilingRatios.hop(-1, 100)).isInstanceOf(IllegalArgumentException.class);
    }
}
