package dev.clipstream.cli.bench.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class LatencySummaryTest {

    @Test
    void percentilesOfOneToAThousandMillisecondsInMilliseconds() {
        Histogram micros = LatencySummary.newHistogram();
        for (int ms = 1; ms <= 1000; ms++) {
            micros.recordValue(ms * 1000L);
        }

        LatencySummary summary = LatencySummary.of(micros);

        assertThat(summary.count()).isEqualTo(1000);
        // HdrHistogram keeps 3 significant digits: within 0.1 % of the exact value.
        assertThat(summary.p50Millis()).isCloseTo(500, within(0.5));
        assertThat(summary.p99Millis()).isCloseTo(990, within(1.0));
        assertThat(summary.p999Millis()).isCloseTo(999, within(1.0));
        assertThat(summary.maxMillis()).isCloseTo(1000, within(1.0));
    }

    @Test
    void subMillisecondLatenciesKeepTheirResolution() {
        Histogram micros = LatencySummary.newHistogram();
        micros.recordValue(250);
        micros.recordValue(750);

        LatencySummary summary = LatencySummary.of(micros);

        assertThat(summary.p50Millis()).isCloseTo(0.25, within(0.001));
        assertThat(summary.maxMillis()).isCloseTo(0.75, within(0.001));
        assertThat(summary.describe()).startsWith("0.3 / 0.8 / 0.8 ms");
    }

    @Test
    void anEmptyHistogramHasNoPercentilesAndPrintsDashes() {
        LatencySummary summary = LatencySummary.of(LatencySummary.newHistogram());

        assertThat(summary.count()).isZero();
        assertThat(summary.p50Millis()).isNaN();
        assertThat(summary.p99Millis()).isNaN();
        assertThat(summary.distribution()).isEmpty();
        assertThat(summary.describe()).startsWith("- / - / - ms");
    }

    @Test
    void formatShowsOneDecimalBelowAHundredMillisecondsAndNoneAbove() {
        assertThat(LatencySummary.format(12.345)).isEqualTo("12.3");
        assertThat(LatencySummary.format(1234.5)).isEqualTo("1235");
        assertThat(LatencySummary.format(Double.NaN)).isEqualTo("-");
    }

    static List<Long> seeds() {
        long base = Long.getLong("latencySummary.seed", 20261129L);
        List<Long> seeds = new ArrayList<>();
        Random random = new Random(base);
        for (int i = 0; i < 10; i++) {
            seeds.add(random.nextLong());
        }
        if (System.getProperty("latencySummary.seed") != null) {
            return List.of(base);
        }
        return seeds;
    }

    /** Replay one case with -DlatencySummary.seed=SEED. */
    @ParameterizedTest
    @MethodSource("seeds")
    void percentilesMatchTheSortedSamplesAndTheDistributionRises(long seed) {
        Random random = new Random(seed);
        int n = 1 + random.nextInt(5000);
        List<Long> samples = new ArrayList<>();
        Histogram micros = LatencySummary.newHistogram();
        for (int i = 0; i < n; i++) {
            long value = 1 + (long) Math.abs(random.nextGaussian() * 200_000);
            samples.add(value);
            micros.recordValue(value);
        }
        Collections.sort(samples);

        LatencySummary summary = LatencySummary.of(micros);

        // The p99 sample, give or take one rank (rounding of the rank) and HdrHistogram's 3 significant digits.
        int rank = (int) Math.ceil(0.99 * n) - 1;
        double lower = samples.get(Math.max(0, rank - 1)) / 1000.0 * 0.998 - 0.001;
        double upper = samples.get(Math.min(n - 1, rank + 1)) / 1000.0 * 1.002 + 0.001;
        assertThat(summary.p99Millis()).as("seed %d, n %d", seed, n).isBetween(lower, upper);
        assertThat(summary.p50Millis()).as("seed %d", seed).isLessThanOrEqualTo(summary.p99Millis());
        assertThat(summary.p99Millis()).as("seed %d", seed).isLessThanOrEqualTo(summary.p999Millis());
        assertThat(summary.p999Millis()).as("seed %d", seed).isLessThanOrEqualTo(summary.maxMillis());
        for (int i = 1; i < summary.distribution().size(); i++) {
            assertThat(summary.distribution().get(i).millis()).as("seed %d, ladder step %d", seed, i)
                    .isGreaterThanOrEqualTo(summary.distribution().get(i - 1).millis());
        }
    }
}
