package dev.clipstream.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class MediansTest {

    @Test
    void oddCountGivesTheMiddleValueWhateverTheOrder() {
        assertThat(Medians.of(List.of(9.0, 1.0, 5.0, 3.0, 7.0))).isEqualTo(5.0);
    }

    @Test
    void evenCountGivesTheMeanOfTheTwoMiddleValues() {
        assertThat(Medians.of(List.of(4.0, 1.0, 3.0, 2.0))).isEqualTo(2.5);
    }

    @Test
    void oneValueIsItsOwnMedian() {
        assertThat(Medians.of(List.of(0.8))).isEqualTo(0.8);
    }

    @Test
    void noValuesIsAnError() {
        assertThatThrownBy(() -> Medians.of(List.<Double>of())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no values");
        assertThatThrownBy(() -> Medians.of(new int[0])).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void wholeNumberMedianTakesTheLowerMiddleAndLeavesTheInputAlone() {
        int[] sizes = {400, 350, 380, 360};

        assertThat(Medians.of(sizes)).isEqualTo(360);
        assertThat(Medians.of(new int[] {5, 1, 3})).isEqualTo(3);
        assertThat(sizes).containsExactly(400, 350, 380, 360);
    }
}
