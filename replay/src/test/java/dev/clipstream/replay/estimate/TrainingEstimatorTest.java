package dev.clipstream.replay.estimate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class TrainingEstimatorTest {

    @Test
    void durationIsVideoTimesFramesTimesWorkOverThroughput() {
        // 1 h of video at 36 fps = 129,600 frames x 0.3 TFLOP = 3.888e16 FLOP;
        // dojo 1,100 PFLOPS x 0.4 = 4.4e17 FLOP/s -> 0.0884 s; nvidia 253 x 0.4 -> 0.384 s.
        TrainingEstimator estimator = new TrainingEstimator(36, 0.3, 0.4, List.of(
                new BackendThroughput("dojo", 1100), new BackendThroughput("nvidia", 253)));

        assertThat(estimator.work(3600)).isEqualTo(3.888e16, org.assertj.core.data.Offset.offset(1e9));
        assertThat(estimator.estimate(3600)).containsExactly(
                java.util.Map.entry("dojo", Duration.ofMillis(88)),
                java.util.Map.entry("nvidia", Duration.ofMillis(384)));
        assertThat(estimator.estimate(3600 * 1000).get("nvidia")).isEqualTo(Duration.ofMillis(384_190));
    }

    @Test
    void parsesBackendsAndRejectsNonsense() {
        assertThat(BackendThroughput.parse("dojo=1100")).isEqualTo(new BackendThroughput("dojo", 1100));
        assertThatThrownBy(() -> BackendThroughput.parse("dojo")).hasMessageContaining("<name>=<PFLOPS>");
        assertThatThrownBy(() -> BackendThroughput.parse("dojo=fast")).hasMessageContaining("'fast' is not a number");
        assertThatThrownBy(() -> BackendThroughput.parse("dojo=0")).hasMessageContaining("positive");
        assertThatThrownBy(() -> new TrainingEstimator(36, 0.3, 1.5, List.of(new BackendThroughput("d", 1))))
                .hasMessageContaining("Utilization");
        assertThatThrownBy(() -> new TrainingEstimator(0, 0.3, 0.5, List.of(new BackendThroughput("d", 1))))
                .hasMessageContaining("Frames per second");
    }
}
