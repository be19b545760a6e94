package dev.clipstream.cli.bench;

import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/**
 * The result of {@code clipstream bench produce}: every round, the medians and the median of the per-round ratios
 * (more robust than the ratio of the medians when one round is disturbed on both sides), with the environment.
 * Rendered as a console table and as Markdown.
 */
public record ProduceBenchReport(BenchEnvironment environment, List<RoundResult> rounds) {

    static final String TITLE = "Clipstream produce benchmark: ClipUploaded through Clipstream's Avro serde "
            + "vs Kafka's ProducerPerformance (raw bytes of the same size)";

    public ProduceBenchReport {
        if (rounds.isEmpty()) {
            throw new IllegalArgumentException("A report needs at least one round");
        }
        rounds = List.copyOf(rounds);
    }

    public double medianReferenceRecordsPerSecond() {
        return median(round -> round.reference().recordsPerSecond());
    }

    public double medianOursRecordsPerSecond() {
        return median(round -> round.ours().recordsPerSecond());
    }

    public double medianReferenceMegabytesPerSecond() {
        return median(round -> round.reference().megabytesPerSecond());
    }

    public double medianOursMegabytesPerSecond() {
        return median(round -> round.ours().megabytesPerSecond());
    }

    public double medianRatio() {
        return median(RoundResult::ratio);
    }

    private double median(ToDoubleFunction<RoundResult> value) {
        return Medians.of(rounds.stream().map(round -> value.applyAsDouble(round)).toList());
    }

    public String toText() {
        StringBuilder text = new StringBuilder();
        text.append(TITLE).append('\n');
        for (String[] line : environmentLines()) {
            text.append(String.format(Locale.ROOT, "  %-10s %s%n", line[0] + ":", line[1]));
        }
        text.append('\n');
        String row = "%-7s %16s %15s %12s %10s %7s%n";
        text.append(String.format(Locale.ROOT, row, "round", "reference rec/s", "reference MB/s", "ours rec/s",
                "ours MB/s", "ratio"));
        for (RoundResult round : rounds) {
            text.append(String.format(Locale.ROOT, row, round.round(), recordsPerSecond(round.reference()),
                    megabytes(round.reference()), recordsPerSecond(round.ours()), megabytes(round.ours()),
                    ratio(round.ratio())));
        }
        text.append(String.format(Locale.ROOT, row, "median", whole(medianReferenceRecordsPerSecond()),
                twoDecimals(medianReferenceMegabytesPerSecond()), whole(medianOursRecordsPerSecond()),
                twoDecimals(medianOursMegabytesPerSecond()), ratio(medianRatio())));
        text.append(String.format(Locale.ROOT, "%nMedian ratio (ours / reference, records/s): %s%n",
                ratio(medianRatio())));
        return text.toString();
    }

    public String toMarkdown() {
        StringBuilder markdown = new StringBuilder();
        markdown.append("## ").append(TITLE).append("\n\n");
        for (String[] line : environmentLines()) {
            markdown.append("- **").append(line[0]).append("**: ").append(line[1]).append('\n');
        }
        markdown.append('\n');
        markdown.append("| round | reference rec/s | reference MB/s | ours rec/s | ours MB/s | ratio |\n");
        markdown.append("|---|---:|---:|---:|---:|---:|\n");
        for (RoundResult round : rounds) {
            markdown.append(String.format(Locale.ROOT, "| %d | %s | %s | %s | %s | %s |%n", round.round(),
                    recordsPerSecond(round.reference()), megabytes(round.reference()),
                    recordsPerSecond(round.ours()), megabytes(round.ours()), ratio(round.ratio())));
        }
        markdown.append(String.format(Locale.ROOT, "| **median** | **%s** | **%s** | **%s** | **%s** | **%s** |%n",
                whole(medianReferenceRecordsPerSecond()), twoDecimals(medianReferenceMegabytesPerSecond()),
                whole(medianOursRecordsPerSecond()), twoDecimals(medianOursMegabytesPerSecond()),
                ratio(medianRatio())));
        markdown.append(String.format(Locale.ROOT, "%nMedian ratio (ours / reference, records/s): **%s**%n",
                ratio(medianRatio())));
        return markdown.toString();
    }

    private List<String[]> environmentLines() {
        BenchEnvironment env = environment;
        EncodedSizes size = env.recordSize();
        return List.of(
                new String[] {"machine", env.cores() + " cores, " + env.jvm() + ", " + env.os()},
                new String[] {"broker", env.broker()},
                new String[] {"workload", String.format(Locale.ROOT,
                        "%d records per run, %d rounds (reference run, then ours), fresh topic of %d partitions "
                                + "per run, keys from %d vehicles", env.recordsPerRun(), env.rounds(),
                        env.partitions(), ReferenceProducer.KEY_RANGE)},
                new String[] {"record", String.format(Locale.ROOT,
                        "ClipUploaded, %d B median on the wire (min %d, max %d; 5-byte header + Avro body); "
                                + "reference --record-size %d", size.median(), size.min(), size.max(), size.median())},
                new String[] {"producer", env.producer().describe() + " (both sides)"});
    }

    private static String recordsPerSecond(RunResult run) {
        return whole(run.recordsPerSecond());
    }

    private static String megabytes(RunResult run) {
        return twoDecimals(run.megabytesPerSecond());
    }

    private static String whole(double value) {
        return String.format(Locale.ROOT, "%.0f", value);
    }

    private static String twoDecimals(double value) {
        return String.format(Locale.ROOT, "%.2f", value);
    }

    private static String ratio(double value) {
        return String.format(Locale.ROOT, "%.3f", value);
    }
}
