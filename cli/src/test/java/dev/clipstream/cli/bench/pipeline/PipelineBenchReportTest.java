package dev.clipstream.cli.bench.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

class PipelineBenchReportTest {

    private static final long MB = 1024L * 1024;

    private static BenchSetup setup() {
        return new BenchSetup("clipstream bench pipeline --rounds 3", "2026-11-29 06:00 UTC", "2 cores", "devstack",
                "five JVMs", 3, 1000, 100_000, 16, 100, 100, "batches close at 100 clips or 2s", 3600,
                "1.0 at the start, 2.0 at the end", 3.5);
    }

    private static LatencySummary latency(long... millis) {
        Histogram histogram = LatencySummary.newHistogram();
        for (long ms : millis) {
            histogram.recordValue(ms * 1000);
        }
        return LatencySummary.of(histogram);
    }

    /** A round whose stages run at {@code clipsPerSecond} against a producer doing {@code reference} records/s. */
    private static PipelineRound round(int number, double clipsPerSecond, double reference, long peakTotalRss,
                                       long... labeledMillis) {
        Map<Stage, Double> rates = new EnumMap<>(Stage.class);
        Map<Stage, CeilingRun> ceiling = new EnumMap<>(Stage.class);
        Map<Stage, List<Long>> series = new EnumMap<>(Stage.class);
        for (Stage stage : Stage.values()) {
            rates.put(stage, clipsPerSecond);
            ceiling.put(stage, new CeilingRun(stage, 400, 10_000, reference, reference * 400 / MB, reference * 4));
            series.put(stage, List.of(0L, (long) clipsPerSecond, (long) clipsPerSecond, 0L));
        }
        ComponentSampler.Span span = new ComponentSampler.Span(List.of(
                new ComponentSampler.Usage("kafka broker", 1, 4.0, 0.4, peakTotalRss / 2),
                new ComponentSampler.Usage("ingest", 2, 2.0, 0.2, peakTotalRss / 2),
                new ComponentSampler.Usage(PipelineBenchReport.CLIENT, 3, 8.0, 0.8, 500 * MB)),
                peakTotalRss, 10);
        return new PipelineRound(number, 1000, 930, 70, 930, 1000, 0, 0, clipsPerSecond, clipsPerSecond * 1.1, rates,
                series, series, latency(labeledMillis), latency(labeledMillis[0] * 3, labeledMillis[1] * 3), ceiling,
                span);
    }

    private static HalfLoadRun halfLoad(long p99Millis) {
        Histogram histogram = LatencySummary.newHistogram();
        // 97 fast clips and 3 slow ones: the p99 is the slow one.
        for (int i = 0; i < 97; i++) {
            histogram.recordValue(50_000);
        }
        for (int i = 0; i < 3; i++) {
            histogram.recordValue(p99Millis * 1000);
        }
        LatencySummary labeled = LatencySummary.of(histogram);
        return new HalfLoadRun(25, 24.8, 500, 465, 0, labeled, labeled,
                new ComponentSampler.Span(List.of(), 900 * MB, 20));
    }

    @Test
    void mediansAreTakenOverTheRoundsAndTheRatiosPerRound() {
        PipelineBenchReport report = new PipelineBenchReport(setup(), List.of(round(1, 40, 10_000, 1000 * MB, 200, 400),
                round(2, 60, 20_000, 1000 * MB, 200, 400), round(3, 50, 5_000, 1000 * MB, 200, 400)), null);

        assertThat(report.medianEndToEndClipsPerSecond()).isEqualTo(50);
        // Per-round ratios: 40*4/10000 = 0.016, 60*4/20000 = 0.012, 50*4/5000 = 0.04 -> median 0.016,
        // not the ratio of the medians (50*4/10000 = 0.02).
        assertThat(report.medianEndToEndRatio()).isCloseTo(0.016, within(1e-12));
        assertThat(report.medianHopRatio(Stage.LABELED)).isCloseTo(0.004, within(1e-12));
        assertThat(report.medianRound().round()).isEqualTo(3);
    }

    @Test
    void targetsSayMetOrNotFromTheMeasuredFigures() {
        PipelineBenchReport slow = new PipelineBenchReport(setup(), List.of(round(1, 40, 10_000, 2000 * MB, 200, 400)),
                halfLoad(800));
        PipelineBenchReport fast = new PipelineBenchReport(setup(), List.of(round(1, 2000, 10_000, 1000 * MB, 20, 40)),
                halfLoad(250));

        assertThat(slow.targets()).extracting(row -> row[3]).containsOnly("no");
        // 2000 clips/s: each hop at 0.2 of the producer (no), end to end 2000*4/10000 = 0.8 (yes).
        assertThat(fast.targets()).extracting(row -> row[3])
                .containsExactly("no", "no", "no", "no", "yes", "yes", "yes");
        assertThat(fast.targets().get(5)[0]).contains("commit.interval.ms=100");
        assertThat(fast.targets().get(6)[2]).isEqualTo("1000 MB");
    }

    @Test
    void thePeakMemoryIsTheHighestSumOverRoundsAndTheHalfLoadRun() {
        PipelineBenchReport report = new PipelineBenchReport(setup(), List.of(round(1, 40, 10_000, 1200 * MB, 1, 2),
                round(2, 40, 10_000, 1400 * MB, 1, 2)), halfLoad(100));

        assertThat(report.peakTotalResidentBytes()).isEqualTo(1400 * MB);
        List<String[]> rows = report.componentRows();
        assertThat(rows.get(rows.size() - 1)).containsExactly("**pipeline total**", "6.0", "0.60", "1400");
        // The bench client is listed, but not in the pipeline's total.
        assertThat(rows).extracting(row -> row[0]).contains(PipelineBenchReport.CLIENT);
    }

    @Test
    void markdownHasTheTablesAndLinksTheCharts() {
        PipelineBenchReport report = new PipelineBenchReport(setup(), List.of(round(1, 40, 10_000, 1000 * MB, 200, 400)),
                halfLoad(800));

        String markdown = report.toMarkdown("benchmarks");

        assertThat(markdown).contains("`clipstream bench pipeline --rounds 3`", "| target | wanted | measured | met |",
                "| clips.uploaded (ingest) | 400 B | 10000 | 40000 | 40.00 | 0.004 |", "| **median** |",
                "**Half load**", "commit.interval.ms=100", "![Throughput per stage over time](benchmarks/"
                        + PipelineBenchReport.THROUGHPUT_CHART + ")", "(benchmarks/" + PipelineBenchReport.LATENCY_CHART
                        + ")");
        assertThat(report.toText()).contains("End to end: 40.0 clips/s (median), ratio 0.016");
    }

    @Test
    void chartsAreValidSvgWithOneLinePerStageOrLatencySeries() throws Exception {
        PipelineBenchReport report = new PipelineBenchReport(setup(), List.of(round(1, 40, 10_000, 1000 * MB, 200, 400)),
                halfLoad(800));

        Map<String, String> charts = report.charts();

        assertThat(charts).containsOnlyKeys(PipelineBenchReport.THROUGHPUT_CHART, PipelineBenchReport.RECORDS_CHART,
                PipelineBenchReport.LATENCY_CHART);
        assertThat(polylines(charts.get(PipelineBenchReport.THROUGHPUT_CHART))).isEqualTo(4);
        assertThat(polylines(charts.get(PipelineBenchReport.RECORDS_CHART))).isEqualTo(4);
        // Full load to labeled and to dispatched, the same at half load.
        assertThat(polylines(charts.get(PipelineBenchReport.LATENCY_CHART))).isEqualTo(4);
        PipelineBenchReport withoutHalfLoad = new PipelineBenchReport(setup(),
                List.of(round(1, 40, 10_000, 1000 * MB, 200, 400)), null);
        assertThat(polylines(withoutHalfLoad.charts().get(PipelineBenchReport.LATENCY_CHART))).isEqualTo(2);
    }

    @Test
    void percentilesSitOnANinesScale() {
        assertThat(PipelineBenchReport.tailPosition(0)).isEqualTo(0);
        assertThat(PipelineBenchReport.tailPosition(90)).isCloseTo(1, within(1e-9));
        assertThat(PipelineBenchReport.tailPosition(99)).isCloseTo(2, within(1e-9));
        assertThat(PipelineBenchReport.tailPosition(99.9)).isCloseTo(3, within(1e-9));
        assertThat(PipelineBenchReport.tailPosition(100)).isCloseTo(4, within(1e-9));
    }

    private static int polylines(String svg) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        Document document = factory.newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
        return document.getElementsByTagNameNS("http://www.w3.org/2000/svg", "polyline").getLength();
    }

    @Test
    void tinyRatiosKeepTwoSignificantDigits() {
        assertThat(PipelineBenchReport.ratio(0.7)).isEqualTo("0.700");
        assertThat(PipelineBenchReport.ratio(0.0123)).isEqualTo("0.012");
        assertThat(PipelineBenchReport.ratio(0.000143)).isEqualTo("0.00014");
        assertThat(PipelineBenchReport.ratio(0)).isEqualTo("0.000");
        assertThat(PipelineBenchReport.ratio(Double.NaN)).isEqualTo("-");
    }
}
