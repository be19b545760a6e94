package dev.clipstream.cli.bench.pipeline;

import dev.clipstream.cli.bench.Medians;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The result of {@code clipstream bench pipeline}: per-round figures, medians over the rounds, the half-load run, and
 * the comparison with the targets of issue 8. Rendered as console text, as the Markdown of the docs section, and as
 * SVG charts.
 */
public record PipelineBenchReport(BenchSetup setup, List<PipelineRound> rounds, HalfLoadRun halfLoad) {

    /** Issue 8: upload acknowledged to labeled, p99 at half the maximum sustained load. */
    public static final double LATENCY_TARGET_MILLIS = 300;
    /** Issue 8: broker, registry and all services together. */
    public static final long MEMORY_TARGET_BYTES = 1536L * 1024 * 1024;

    public static final String THROUGHPUT_CHART = "pipeline-throughput.svg";
    public static final String RECORDS_CHART = "pipeline-records.svg";
    public static final String LATENCY_CHART = "pipeline-latency.svg";

    public PipelineBenchReport {
        if (rounds.isEmpty()) {
            throw new IllegalArgumentException("A report needs at least one round");
        }
        rounds = List.copyOf(rounds);
    }

    // ---- medians -------------------------------------------------------------------------------------------------

    public double median(ToDoubleFunction<PipelineRound> value) {
        List<Double> values = new ArrayList<>();
        for (PipelineRound round : rounds) {
            double v = value.applyAsDouble(round);
            if (!Double.isNaN(v)) {
                values.add(v);
            }
        }
        return values.isEmpty() ? Double.NaN : Medians.of(values);
    }

    public double medianEndToEndClipsPerSecond() {
        return median(PipelineRound::endToEndClipsPerSecond);
    }

    /** Median of the per-round ratios (more robust than the ratio of medians when one round is disturbed). */
    public double medianEndToEndRatio() {
        return median(PipelineRound::endToEndRatio);
    }

    public double medianHopRatio(Stage stage) {
        return median(round -> round.hopRatio(stage));
    }

    /** The round whose end-to-end rate is the median (the lower middle for an even count): the one charted. */
    public PipelineRound medianRound() {
        List<PipelineRound> sorted = new ArrayList<>(rounds);
        sorted.sort(Comparator.comparingDouble(PipelineRound::endToEndClipsPerSecond));
        return sorted.get((sorted.size() - 1) / 2);
    }

    /** Highest sampled sum of resident memory over all processes, over every round and the half-load run. */
    public long peakTotalResidentBytes() {
        long peak = 0;
        for (PipelineRound round : rounds) {
            peak = Math.max(peak, round.components().peakTotalRssBytes());
        }
        if (halfLoad != null) {
            peak = Math.max(peak, halfLoad.components().peakTotalRssBytes());
        }
        return peak;
    }

    /** Targets of issue 8, each with the measured figure and whether it is met. */
    public List<String[]> targets() {
        List<String[]> rows = new ArrayList<>();
        for (Stage stage : Stage.values()) {
            double ratio = medianHopRatio(stage);
            rows.add(new String[] {"records through " + stage.topicName() + " / ProducerPerformance at its size",
                    "≥ 0.70", ratio(ratio), yesNo(CeilingRatios.met(ratio))});
        }
        double e2e = medianEndToEndRatio();
        rows.add(new String[] {"end-to-end clips/s × " + Stage.hops() + " hops / ProducerPerformance at the clip size",
                "≥ 0.70", ratio(e2e), yesNo(CeilingRatios.met(e2e))});
        if (halfLoad != null) {
            double p99 = halfLoad.ackToLabeled().p99Millis();
            rows.add(new String[] {"upload acknowledged → labeled, p99 at half load (" + whole(
                    halfLoad.targetClipsPerSecond()) + " clips/s; commit.interval.ms=" + setup.commitIntervalMs() + ")",
                    "< 300 ms", LatencySummary.format(p99) + " ms", yesNo(p99 < LATENCY_TARGET_MILLIS)});
        }
        long rss = peakTotalResidentBytes();
        rows.add(new String[] {"resident memory of broker + registry + all services (peak of the sum)", "< 1536 MB",
                megabytes(rss) + " MB", yesNo(rss > 0 && rss < MEMORY_TARGET_BYTES)});
        return rows;
    }

    // ---- text ----------------------------------------------------------------------------------------------------

    public String toText() {
        StringBuilder text = new StringBuilder();
        text.append("Clipstream pipeline benchmark (clipstream bench pipeline)\n");
        for (String[] line : setup.lines()) {
            text.append(String.format(Locale.ROOT, "  %-13s %s%n", line[0] + ":", line[1].replace("`", "")));
        }
        text.append("\nPer round\n");
        String row = "%-7s %6s %9s %10s %10s %10s %9s %9s %26s %26s %9s%n";
        text.append(String.format(Locale.ROOT, row, "round", "clips", "e2e c/s", "uploaded/s", "labeled/s",
                "batches/s", "events/s", "PP rec/s", "ack->labeled p50/p99/p999", "ack->dispatch p50/p99/p999",
                "e2e ratio"));
        for (PipelineRound r : rounds) {
            text.append(String.format(Locale.ROOT, row, r.round(), r.clips(), one(r.endToEndClipsPerSecond()),
                    one(r.stageRecordsPerSecond().get(Stage.UPLOADED)), one(r.stageRecordsPerSecond().get(Stage.LABELED)),
                    two(r.stageRecordsPerSecond().get(Stage.BATCHED)),
                    one(r.stageRecordsPerSecond().get(Stage.DISPATCHED)),
                    whole(r.ceiling().get(Stage.UPLOADED).producerRecordsPerSecond()), triple(r.ackToLabeled()),
                    triple(r.ackToDispatched()), ratio(r.endToEndRatio())));
        }
        text.append("\nHops (medians over the rounds)\n");
        String hop = "%-18s %10s %14s %14s %14s %8s %6s%n";
        text.append(String.format(Locale.ROOT, hop, "topic", "size B", "PP rec/s", "CP rec/s", "pipeline rec/s",
                "ratio", "met"));
        for (Stage stage : Stage.values()) {
            text.append(String.format(Locale.ROOT, hop, stage.topicName(),
                    whole(median(r -> r.ceiling().get(stage).recordSize())),
                    whole(median(r -> r.ceiling().get(stage).producerRecordsPerSecond())),
                    whole(median(r -> r.ceiling().get(stage).consumerRecordsPerSecond())),
                    two(median(r -> r.stageRecordsPerSecond().get(stage))), ratio(medianHopRatio(stage)),
                    yesNo(CeilingRatios.met(medianHopRatio(stage)))));
        }
        text.append("\nProcesses (medians over the rounds; peak RSS = highest sample; the total leaves out the bench "
                + "client)\n");
        String proc = "%-16s %8s %8s %12s%n";
        text.append(String.format(Locale.ROOT, proc, "process", "CPU s", "cores", "peak RSS MB"));
        for (String[] line : componentRows()) {
            text.append(String.format(Locale.ROOT, proc, line[0].replace("**", ""), line[1], line[2], line[3]));
        }
        if (halfLoad != null) {
            text.append(String.format(Locale.ROOT, "%nHalf load: %s clips/s target, %s achieved, %d clips; "
                            + "ack->labeled %s; ack->dispatched %s%n", one(halfLoad.targetClipsPerSecond()),
                    one(halfLoad.achievedClipsPerSecond()), halfLoad.clips(), halfLoad.ackToLabeled().describe(),
                    halfLoad.ackToDispatched().describe()));
        }
        text.append("\nTargets (issue 8)\n");
        for (String[] target : targets()) {
            text.append(String.format(Locale.ROOT, "  %-4s %-10s %-10s %s%n", target[3], target[2], target[1],
                    target[0]));
        }
        text.append(String.format(Locale.ROOT, "%nEnd to end: %s clips/s (median), ratio %s (median of rounds)%n",
                one(medianEndToEndClipsPerSecond()), ratio(medianEndToEndRatio())));
        return text.toString();
    }

    // ---- markdown ------------------------------------------------------------------------------------------------

    /** The generated block of the docs section; {@code chartDir} is the charts' path relative to the Markdown file. */
    public String toMarkdown(String chartDir) {
        StringBuilder md = new StringBuilder();
        for (String[] line : setup.lines()) {
            md.append("- **").append(line[0]).append("**: ").append(line[1]).append('\n');
        }
        md.append("\n**Targets of issue 8** (medians over the rounds; every ratio is to Kafka's own tool measured on "
                + "the same broker in the same round):\n\n");
        md.append("| target | wanted | measured | met |\n|---|---|---:|---|\n");
        for (String[] target : targets()) {
            md.append("| ").append(target[0]).append(" | ").append(target[1]).append(" | ").append(target[2])
                    .append(" | ").append(target[3].equals("yes") ? "yes" : "**no**").append(" |\n");
        }
        md.append("\n**Hops**: records per second through each topic a clip passes, against ProducerPerformance and "
                + "ConsumerPerformance with records of that topic's median encoded size:\n\n");
        md.append("| topic (writer) | record size, median | ProducerPerformance rec/s | ConsumerPerformance rec/s | "
                + "pipeline rec/s | ratio |\n|---|---:|---:|---:|---:|---:|\n");
        for (Stage stage : Stage.values()) {
            md.append(String.format(Locale.ROOT, "| %s (%s) | %s B | %s | %s | %s | %s |%n", stage.topicName(),
                    stage.writer(), whole(median(r -> r.ceiling().get(stage).recordSize())),
                    whole(median(r -> r.ceiling().get(stage).producerRecordsPerSecond())),
                    whole(median(r -> r.ceiling().get(stage).consumerRecordsPerSecond())),
                    two(median(r -> r.stageRecordsPerSecond().get(stage))), ratio(medianHopRatio(stage))));
        }
        md.append("\n**Rounds** (e2e = clips that reached a dispatched batch / time from the first upload to the "
                + "last of them; latencies from the client's HTTP 201 to the read_committed consumer seeing the "
                + "record, ms):\n\n");
        md.append("| round | clips acknowledged | on clips.uploaded | labeled | rejected | in a dispatched batch | "
                + "e2e clips/s | upload clips/s | ack → labeled p50 / p99 / p999 | ack → dispatched p50 / p99 / p999 | "
                + "ProducerPerformance rec/s (clip size) | e2e ratio |\n");
        md.append("|---|---:|---:|---:|---:|---:|---:|---:|---|---|---:|---:|\n");
        for (PipelineRound r : rounds) {
            md.append(String.format(Locale.ROOT, "| %d | %d | %d | %d | %d | %d | %s | %s | %s | %s | %s | %s |%n",
                    r.round(), r.clips(), r.uploadedRecords(), r.labeled(), r.rejected(), r.dispatched(),
                    one(r.endToEndClipsPerSecond()), one(r.uploadClipsPerSecond()), triple(r.ackToLabeled()),
                    triple(r.ackToDispatched()), whole(r.ceiling().get(Stage.UPLOADED).producerRecordsPerSecond()),
                    ratio(r.endToEndRatio())));
        }
        md.append(String.format(Locale.ROOT, "| **median** | | | | | | **%s** | %s | %s / %s / %s | %s / %s / %s | %s | "
                        + "**%s** |%n", one(medianEndToEndClipsPerSecond()), one(median(PipelineRound::uploadClipsPerSecond)),
                ms(median(r -> r.ackToLabeled().p50Millis())), ms(median(r -> r.ackToLabeled().p99Millis())),
                ms(median(r -> r.ackToLabeled().p999Millis())), ms(median(r -> r.ackToDispatched().p50Millis())),
                ms(median(r -> r.ackToDispatched().p99Millis())), ms(median(r -> r.ackToDispatched().p999Millis())),
                whole(median(r -> r.ceiling().get(Stage.UPLOADED).producerRecordsPerSecond())),
                ratio(medianEndToEndRatio())));
        if (halfLoad != null) {
            md.append(String.format(Locale.ROOT, "%n**Half load**: uploads at %s clips/s (half the median end-to-end "
                            + "rate; achieved %s), %d clips: upload acknowledged → labeled p50 / p99 / p999 = %s ms; "
                            + "→ dispatched %s ms. Labeling commit interval %d ms (exactly_once_v2).%n",
                    one(halfLoad.targetClipsPerSecond()), one(halfLoad.achievedClipsPerSecond()), halfLoad.clips(),
                    triple(halfLoad.ackToLabeled()), triple(halfLoad.ackToDispatched()), setup.commitIntervalMs()));
        }
        md.append("\n**Processes** during the measured rounds (medians; CPU = user + system time of the process, "
                + "cores = CPU time / wall time; peak RSS = highest VmRSS sampled every 500 ms; the pipeline total "
                + "leaves out the bench client, i.e. the uploader and the monitor consumer):\n\n");
        md.append("| process | CPU s per round | cores | peak RSS MB |\n|---|---:|---:|---:|\n");
        for (String[] line : componentRows()) {
            md.append("| ").append(String.join(" | ", line)).append(" |\n");
        }
        md.append("\n![Throughput per stage over time](").append(chartDir).append('/').append(THROUGHPUT_CHART)
                .append(")\n\n");
        md.append("![Records per second per topic over time](").append(chartDir).append('/').append(RECORDS_CHART)
                .append(")\n\n");
        md.append("![Latency distribution](").append(chartDir).append('/').append(LATENCY_CHART).append(")\n");
        return md.toString();
    }

    /** Per process: median CPU seconds, median cores, highest peak RSS; then the pipeline's total. */
    List<String[]> componentRows() {
        Map<String, List<ComponentSampler.Usage>> byComponent = new LinkedHashMap<>();
        for (PipelineRound round : rounds) {
            for (ComponentSampler.Usage usage : round.components().usages()) {
                byComponent.computeIfAbsent(usage.component(), c -> new ArrayList<>()).add(usage);
            }
        }
        List<String[]> rows = new ArrayList<>();
        for (Map.Entry<String, List<ComponentSampler.Usage>> entry : byComponent.entrySet()) {
            List<ComponentSampler.Usage> usages = entry.getValue();
            rows.add(new String[] {entry.getKey(),
                    one(Medians.of(usages.stream().map(ComponentSampler.Usage::cpuSeconds).toList())),
                    two(Medians.of(usages.stream().map(ComponentSampler.Usage::cores).toList())),
                    megabytes(usages.stream().mapToLong(ComponentSampler.Usage::peakRssBytes).max().orElse(-1))});
        }
        rows.add(new String[] {"**pipeline total**",
                one(median(r -> pipelineOnly(r.components()).stream()
                        .mapToDouble(ComponentSampler.Usage::cpuSeconds).sum())),
                two(median(r -> pipelineOnly(r.components()).stream()
                        .mapToDouble(ComponentSampler.Usage::cores).sum())),
                megabytes(peakTotalResidentBytes())});
        return rows;
    }

    /** The bench's own JVM is sampled too, for its CPU, but it is not part of the pipeline. */
    static final String CLIENT = "bench client";

    private static List<ComponentSampler.Usage> pipelineOnly(ComponentSampler.Span span) {
        return span.usages().stream().filter(u -> !u.component().equals(CLIENT)).toList();
    }

    // ---- charts --------------------------------------------------------------------------------------------------

    /** File name to SVG text. */
    public Map<String, String> charts() {
        PipelineRound chartRound = medianRound();
        Map<String, String> charts = new LinkedHashMap<>();
        SvgLineChart throughput = new SvgLineChart("Clips reaching each stage per second (round " + chartRound.round()
                + ", the median)", "seconds since the first upload", "clips per second");
        for (Stage stage : Stage.values()) {
            throughput.add(new SvgLineChart.Series(clipSeriesName(stage),
                    points(chartRound.clipsPerSecondSeries().get(stage))));
        }
        charts.put(THROUGHPUT_CHART, throughput.render());
        SvgLineChart records = new SvgLineChart("Records per second on each topic (round " + chartRound.round() + ")",
                "seconds since the first upload", "records per second");
        for (Stage stage : Stage.values()) {
            records.add(new SvgLineChart.Series(stage.topicName(),
                    points(chartRound.recordsPerSecondSeries().get(stage))));
        }
        charts.put(RECORDS_CHART, records.render());
        SvgLineChart latency = new SvgLineChart("Latency distribution from upload acknowledged (round "
                + chartRound.round() + ")", "percentile", "milliseconds");
        latency.xTicks(List.of(new SvgLineChart.Tick(tailPosition(0), "0"), new SvgLineChart.Tick(tailPosition(50), "50"),
                new SvgLineChart.Tick(tailPosition(90), "90"), new SvgLineChart.Tick(tailPosition(99), "99"),
                new SvgLineChart.Tick(tailPosition(99.9), "99.9"), new SvgLineChart.Tick(tailPosition(99.99), "99.99")));
        latency.add(new SvgLineChart.Series("→ labeled, full load", distribution(chartRound.ackToLabeled())));
        latency.add(new SvgLineChart.Series("→ dispatched, full load", distribution(chartRound.ackToDispatched())));
        if (halfLoad != null) {
            latency.add(new SvgLineChart.Series("→ labeled, half load", distribution(halfLoad.ackToLabeled())));
            latency.add(new SvgLineChart.Series("→ dispatched, half load", distribution(halfLoad.ackToDispatched())));
        }
        latency.marker(new SvgLineChart.Marker(LATENCY_TARGET_MILLIS, "target: labeled p99 < 300 ms at half load"));
        charts.put(LATENCY_CHART, latency.render());
        return charts;
    }

    private static String clipSeriesName(Stage stage) {
        return switch (stage) {
            case UPLOADED -> "uploaded (201)";
            case LABELED -> "labeled";
            case BATCHED -> "in a batch";
            case DISPATCHED -> "batch dispatched";
        };
    }

    private static List<SvgLineChart.Point> points(List<Long> perSecond) {
        List<SvgLineChart.Point> points = new ArrayList<>();
        for (int i = 0; i < perSecond.size(); i++) {
            points.add(new SvgLineChart.Point(i, perSecond.get(i)));
        }
        return points;
    }

    /** Percentiles on a "nines" scale: 0 at the median's left end, +1 for each nine (90, 99, 99.9...). */
    static double tailPosition(double percentile) {
        return -Math.log10(1 - Math.min(percentile, 99.99) / 100);
    }

    private static List<SvgLineChart.Point> distribution(LatencySummary summary) {
        List<SvgLineChart.Point> points = new ArrayList<>();
        for (LatencySummary.PercentilePoint p : summary.distribution()) {
            points.add(new SvgLineChart.Point(tailPosition(p.percentile()), p.millis()));
        }
        return points;
    }

    // ---- formatting ----------------------------------------------------------------------------------------------

    private static String triple(LatencySummary s) {
        return LatencySummary.format(s.p50Millis()) + " / " + LatencySummary.format(s.p99Millis()) + " / "
                + LatencySummary.format(s.p999Millis());
    }

    private static String ms(double millis) {
        return LatencySummary.format(millis);
    }

    static String megabytes(long bytes) {
        return bytes < 0 ? "-" : String.format(Locale.ROOT, "%.0f", bytes / (1024.0 * 1024.0));
    }

    private static String whole(double value) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.0f", value);
    }

    private static String one(double value) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.1f", value);
    }

    private static String two(double value) {
        return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.2f", value);
    }

    /** Three decimals; below 0.01 two significant digits, so that a tiny ratio does not print as 0.000. */
    static String ratio(double value) {
        if (Double.isNaN(value)) {
            return "-";
        }
        if (value == 0 || Math.abs(value) >= 0.01) {
            return String.format(Locale.ROOT, "%.3f", value);
        }
        return new java.math.BigDecimal(value).round(new java.math.MathContext(2)).stripTrailingZeros()
                .toPlainString();
    }

    private static String yesNo(boolean met) {
        return met ? "yes" : "no";
    }
}
