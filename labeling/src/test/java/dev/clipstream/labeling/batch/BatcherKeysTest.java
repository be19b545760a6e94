package dev.clipstream.labeling.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Locale;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The batcher's store keys are data: existing stores and changelogs hold keys in this exact form, and the prefix
 * scan that collects a batch's clips depends on it. The hand-built keys must equal what the former
 * {@code String.format("%019d")} / {@code ("%09d")} produced. Replay one case with -Dbatcher.keys.seed=N.
 */
class BatcherKeysTest {

    private static final long SEED = Long.getLong("batcher.keys.seed", 20261129L);

    static Stream<Arguments> cases() {
        Random random = new Random(SEED);
        Stream<Arguments> edges = Stream.of(Arguments.of(0L, 0), Arguments.of(Long.MAX_VALUE, 999_999_999),
                Arguments.of(9L, 9), Arguments.of(10L, 10), Arguments.of(1_000_000_000L, 123_456_789));
        Stream<Arguments> drawn = Stream.generate(() -> Arguments.of(
                        (random.nextLong() & Long.MAX_VALUE) >>> random.nextInt(63), random.nextInt(1_000_000_000) >>> random.nextInt(31)))
                .limit(200);
        return Stream.concat(edges, drawn);
    }

    @ParameterizedTest
    @MethodSource("cases")
    void keysAreTheZeroPaddedFormOfSequenceAndIndex(long sequence, int index) {
        String expected = "campaign-a\u0000" + String.format(Locale.ROOT, "%019d", sequence) + "\u0000"
                + String.format(Locale.ROOT, "%09d", index);
        assertThat(Batcher.clipKey("campaign-a", sequence, index))
                .as("sequence %d, index %d (seed %d)", sequence, index, SEED).isEqualTo(expected);
        assertThat(Batcher.sequenceText(sequence)).as("sequence %d (seed %d)", sequence, SEED)
                .isEqualTo(String.format(Locale.ROOT, "%019d", sequence));
    }

    @Test
    void aNegativeNumberIsABug() {
        assertThatThrownBy(() -> Batcher.clipKey("campaign-a", -1, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
