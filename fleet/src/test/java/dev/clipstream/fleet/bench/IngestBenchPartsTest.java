package dev.clipstream.fleet.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clipstream.fleet.clip.ClipSpec;
import dev.clipstream.fleet.clip.Mp4Clip;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class IngestBenchPartsTest {

    @Test
    void casesParseAsSizeColonCount() {
        BenchCase.Converter converter = new BenchCase.Converter();

        assertThat(converter.convert("50MB:8")).isEqualTo(new BenchCase(50_000_000, 8));
        assertThat(converter.convert("100KB:300")).isEqualTo(new BenchCase(100_000, 300));
        assertThatThrownBy(() -> converter.convert("50MB")).isInstanceOf(CommandLine.TypeConversionException.class)
                .hasMessageContaining("SIZE:COUNT");
        assertThatThrownBy(() -> converter.convert("50MB:0")).hasMessageContaining("at least 1");
        assertThatThrownBy(() -> converter.convert("50MB:x")).hasMessageContaining("whole number");
    }

    @Test
    void rawRateWritesEveryFileInFullThenRemovesThem(@TempDir Path dir) throws Exception {
        List<Mp4Clip> clips = IntStream.range(0, 6).mapToObj(i -> new Mp4Clip(new ClipSpec(70_000, 1000, 64, 64, 30,
                false, Instant.EPOCH, i))).toList();

        RateResult result = RawWriteRate.measure(clips, 3, dir.resolve("raw"));

        assertThat(result.operations()).isEqualTo(6);
        assertThat(result.bytesEach()).isEqualTo(70_000);
        assertThat(result.perSecond()).isPositive();
        assertThat(result.megabytesPerSecond()).isCloseTo(result.perSecond() * 0.07, org.assertj.core.data.Offset
                .offset(1e-6));
        assertThat(result.p50Millis()).isPositive().isLessThanOrEqualTo(result.p99Millis());
        try (var files = Files.list(dir.resolve("raw"))) {
            assertThat(files).isEmpty();
        }
    }

    @Test
    void reportShowsEveryRoundMediansAndWhetherTargetsAreMet() {
        RateResult raw = new RateResult(10, 1_000_000, Duration.ofSeconds(1), 5, 9, 0, 0);
        List<BenchReport.Round> rounds = List.of(
                new BenchReport.Round(raw, new RateResult(10, 1_000_000, Duration.ofSeconds(2), 50, 90, 0, 1), 3.0),
                new BenchReport.Round(raw, new RateResult(10, 1_000_000, Duration.ofMillis(1250), 40, 80, 0, 0), 5.0),
                new BenchReport.Round(raw, new RateResult(10, 1_000_000, Duration.ofMillis(1000), 30, 70, 0, 0), 4.0));
        BenchReport.CaseResult result = new BenchReport.CaseResult(new BenchCase(1_000_000, 10), 0.6, rounds);

        assertThat(result.medianRatio()).isEqualTo(0.8);
        assertThat(result.met()).isTrue();
        String md = BenchReport.render(List.of(result), 4, "clipstream bench ingest --case 1MB:10");
        assertThat(md).contains("`clipstream bench ingest --case 1MB:10`", "#### 1.0 MB clips, 10 per round",
                "| **median** | 10.0 | 10.0 | 5.0 | 9.0 | 8.0 | 8.0 | 40.0 | 80.0 |  |  | 4.0 | 0.80 |",
                "| 1.0 MB | 0.80 | >= 0.60 | yes |");
        assertThat(BenchReport.median(List.of(4.0, 1.0, 3.0, 2.0), d -> d)).isEqualTo(2.5);
    }
}
