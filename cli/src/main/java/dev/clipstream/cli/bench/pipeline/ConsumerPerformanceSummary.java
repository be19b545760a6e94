package dev.clipstream.cli.bench.pipeline;

import java.util.Locale;

/**
 * Reads the result line of Kafka's ConsumerPerformance (kafka-tools 4.4), printed under the header
 * {@code start.time, end.time, data.consumed.in.MB, MB.sec, data.consumed.in.nMsg, nMsg.sec, rebalance.time.ms,
 * fetch.time.ms, fetch.MB.sec, fetch.nMsg.sec}. Fields are separated by ", " (the dates contain no comma).
 *
 * @param records          records consumed
 * @param recordsPerSecond over the whole run, the consumer group's join included (nMsg.sec)
 * @param fetchRecordsPerSecond over the fetch time only, i.e. without the group join (fetch.nMsg.sec): the ceiling
 *                         of reading, which is what the report compares with
 */
public record ConsumerPerformanceSummary(long records, double recordsPerSecond, double fetchRecordsPerSecond) {

    private static final int FIELDS = 10;

    public static ConsumerPerformanceSummary parse(String output) {
        ConsumerPerformanceSummary last = null;
        for (String line : output.split("\\R")) {
            String[] fields = line.strip().split(", ");
            if (fields.length != FIELDS || fields[0].startsWith("start.time")) {
                continue;
            }
            try {
                last = new ConsumerPerformanceSummary(Long.parseLong(fields[4].strip()), number(fields[5]),
                        number(fields[9]));
            } catch (NumberFormatException e) {
                // Not the result line.
            }
        }
        if (last == null) {
            throw new IllegalArgumentException("No ConsumerPerformance result line (10 fields: start.time, end.time, "
                    + "MB, MB.sec, nMsg, nMsg.sec, rebalance.time.ms, fetch.time.ms, fetch.MB.sec, fetch.nMsg.sec) in "
                    + "its output:\n" + output);
        }
        return last;
    }

    private static double number(String text) {
        // Printed with the default locale: accept a decimal comma too (it cannot clash with ", ").
        return Double.parseDouble(text.strip().replace(',', '.').toLowerCase(Locale.ROOT));
    }
}
