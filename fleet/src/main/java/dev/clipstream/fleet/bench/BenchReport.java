package dev.clipstream.fleet.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/** The figures of `clipstream bench ingest` as Markdown: a table per clip size, medians, and the targets. */
final class BenchReport {

    /** One round of one case: the raw rate and the upload rate, measured back to back. */
    record Round(RateResult raw, RateResult upload, double kafkaAckMillis) {
        double ratio() {
            return upload.megabytesPerSecond() / raw.megabytesPerSecond();
        }
    }

    record CaseResult(BenchCase benchCase, double target, List<Round> rounds) {
        double medianRatio() {
            return median(rounds, Round::ratio);
        }

        boolean met() {
            return medianRatio() >= target;
        }
    }

    private BenchReport() {
    }

    static String render(List<CaseResult> cases, int concurrency, String command) {
        StringBuilder md = new StringBuilder();
        md.append("Command: `").append(command).append("`\n\n");
        md.append(String.format(Locale.ROOT, "Machine: %d cores, load average at the end %s, Java %s%n%n",
                Runtime.getRuntime().availableProcessors(), loadAverage(), System.getProperty("java.version")));
        for (CaseResult c : cases) {
            md.append(String.format(Locale.ROOT, "#### %s clips, %d per round, concurrency %d%n%n",
                    c.benchCase().label(), c.benchCase().clips(), concurrency));
            md.append("| round | raw files/s | raw MB/s | raw p50 ms | raw p99 ms | upload clips/s | upload MB/s "
                    + "| upload p50 ms | upload p99 ms | failed | retries | Kafka ack p50 ms | ratio |\n");
            md.append("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|\n");
            int n = 1;
            for (Round r : c.rounds()) {
                md.append(row(String.valueOf(n++), r.raw().perSecond(), r.raw().megabytesPerSecond(),
                        r.raw().p50Millis(), r.raw().p99Millis(), r.upload().perSecond(),
                        r.upload().megabytesPerSecond(), r.upload().p50Millis(), r.upload().p99Millis(),
                        String.valueOf(r.upload().failed()), String.valueOf(r.upload().retries()),
                        r.kafkaAckMillis(), r.ratio()));
            }
            List<Round> rs = c.rounds();
            md.append(row("**median**", median(rs, r -> r.raw().perSecond()),
                    median(rs, r -> r.raw().megabytesPerSecond()), median(rs, r -> r.raw().p50Millis()),
                    median(rs, r -> r.raw().p99Millis()), median(rs, r -> r.upload().perSecond()),
                    median(rs, r -> r.upload().megabytesPerSecond()), median(rs, r -> r.upload().p50Millis()),
                    median(rs, r -> r.upload().p99Millis()), "", "", median(rs, Round::kafkaAckMillis),
                    c.medianRatio()));
            md.append('\n');
        }
        md.append("| clip size | median ratio to raw | target | met |\n|---|---:|---:|---|\n");
        for (CaseResult c : cases) {
            md.append(String.format(Locale.ROOT, "| %s | %.2f | >= %.2f | %s |%n", c.benchCase().label(),
                    c.medianRatio(), c.target(), c.met() ? "yes" : "**no**"));
        }
        return md.toString();
    }

    private static String row(String label, double rawRate, double rawMb, double rawP50, double rawP99,
                              double upRate, double upMb, double upP50, double upP99, String failed, String retries,
                              double kafkaAck, double ratio) {
        return String.format(Locale.ROOT,
                "| %s | %.1f | %.1f | %.1f | %.1f | %.1f | %.1f | %.1f | %.1f | %s | %s | %.1f | %.2f |%n",
                label, rawRate, rawMb, rawP50, rawP99, upRate, upMb, upP50, upP99, failed, retries, kafkaAck, ratio);
    }

    static <T> double median(List<T> items, ToDoubleFunction<T> value) {
        double[] values = items.stream().mapToDouble(value).sorted().toArray();
        if (values.length == 0) {
            return Double.NaN;
        }
        int mid = values.length / 2;
        return values.length % 2 == 1 ? values[mid] : (values[mid - 1] + values[mid]) / 2;
    }

    private static String loadAverage() {
        try {
            List<String> parts = new ArrayList<>(Arrays.asList(
                    Files.readString(Path.of("/proc/loadavg")).trim().split(" ")));
            return String.join(" ", parts.subList(0, 3));
        } catch (Exception e) {
            return "unknown";
        }
    }
}
