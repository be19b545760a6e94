package dev.clipstream.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clipstream.schemas.topic.TopicCatalog;
import java.util.Collection;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * The normal build only compiles the benchmarks; this checks that they measure the right thing and that every
 * generated benchmark runs: each once, briefly, in this JVM (no fork, no warm-up), so a broken setup or a
 * benchmark that throws fails the build. Numbers from here mean nothing.
 */
class BenchmarksSmokeTest {

    @Test
    void everySerdeBenchmarkRoundTripsItsValue() {
        for (String topic : List.of("clips.uploaded", "clips.rejected", "clips.labeled", "training.batches",
                "campaigns", "backend.status", "dispatch.events", "datasets")) {
            SerdeBenchmark benchmark = new SerdeBenchmark();
            benchmark.topic = topic;
            benchmark.setUp();
            assertThat(benchmark.deserialize()).as(topic).isEqualTo(SerdeBenchmark.sample(topic));
            assertThat(benchmark.serialize()).as(topic).isEqualTo(benchmark.encoded());
        }
        ClipCandidateSerdeBenchmark candidates = new ClipCandidateSerdeBenchmark();
        candidates.setUp();
        assertThat(candidates.deserialize()).isEqualTo(candidates.candidate());
    }

    @Test
    void everyCatalogValueTopicHasASerdeBenchmarkSample() {
        TopicCatalog catalog = TopicCatalog.create(new InProcessRegistry(), true,
                TopicCatalog.DEVELOPMENT_REPLICATION_FACTOR);
        catalog.all().stream()
                .filter(spec -> !spec.name().equals(catalog.deadLetter().name()))
                .forEach(spec -> assertThat(SerdeBenchmark.sample(spec.name())).as(spec.name())
                        .isInstanceOf(spec.valueType()));
    }

    @Test
    void oneBatcherInvocationClosesExactlyOneBatch() {
        BatcherBenchmark benchmark = new BatcherBenchmark();
        benchmark.setUp();
        assertThat(benchmark.batchOfHundredClips()).isEqualTo(1);
        // The purge made the same clips new again: the second invocation batches them once more.
        assertThat(benchmark.batchOfHundredClips()).isEqualTo(1);
    }

    @Test
    void everyBenchmarkRunsOnce() throws RunnerException {
        Collection<RunResult> results = new Runner(new OptionsBuilder()
                .include(getClass().getPackageName() + "\\..*Benchmark\\..*")
                .forks(0)
                .warmupIterations(0)
                .measurementIterations(1)
                .measurementTime(TimeValue.milliseconds(20))
                .shouldFailOnError(true)
                .verbosity(VerboseMode.SILENT)
                .build()).run();

        // 2 serde methods x 8 topics, 2 clip-candidate serde, 3 filters, 2 labeler, 1 batcher.
        assertThat(results).hasSize(2 * 8 + 2 + 3 + 2 + 1);
        assertThat(results).allSatisfy(result -> assertThat(result.getPrimaryResult().getScore())
                .as(result.getParams().getBenchmark()).isPositive());
    }
}
