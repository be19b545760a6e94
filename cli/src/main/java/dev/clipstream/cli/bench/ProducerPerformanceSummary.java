package dev.clipstream.cli.bench;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the final summary line of Kafka's ProducerPerformance, e.g.
 * {@code 200000 records sent, 95238.095238 records/sec (43.51 MB/sec), 120.31 ms avg latency, ...}.
 * Its numbers are printed with the JVM's default locale, so a decimal comma is accepted too.
 */
public final class ProducerPerformanceSummary {

    private static final Pattern SUMMARY = Pattern.compile(
            "^(\\d+) records sent, ([0-9.,]+) records/sec \\(([0-9.,]+) MB/sec\\), ([0-9.,]+) ms avg latency");

    private ProducerPerformanceSummary() {
    }

    /** The last summary line in {@code output}; window lines and steady-state lines are skipped. */
    public static RunResult parse(String output) {
        RunResult last = null;
        for (String line : output.split("\\R")) {
            Matcher matcher = SUMMARY.matcher(line.strip());
            if (matcher.find()) {
                last = new RunResult(Long.parseLong(matcher.group(1)), number(matcher.group(2)),
                        number(matcher.group(3)));
            }
        }
        if (last == null) {
            throw new IllegalArgumentException("No ProducerPerformance summary line ('N records sent, X records/sec "
                    + "(Y MB/sec), ...') in its output:\n" + output);
        }
        return last;
    }

    private static double number(String text) {
        return Double.parseDouble(text.replace(',', '.').toLowerCase(Locale.ROOT));
    }
}
