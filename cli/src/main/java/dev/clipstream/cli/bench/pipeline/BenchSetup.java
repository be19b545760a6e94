package dev.clipstream.cli.bench.pipeline;

import java.util.List;

/**
 * What a result depends on besides the code, printed with every result.
 *
 * @param commitIntervalMs labeling's Kafka Streams commit.interval.ms (processing.guarantee=exactly_once_v2)
 * @param runMinutes       wall time of the whole command, devstack and pipeline start included
 */
public record BenchSetup(String commandLine, String startedAt, String machine, String broker, String services,
                         int rounds, int clipsPerRound, long clipBytes, int concurrency, int vehicles,
                         long commitIntervalMs, String batching, double backendTimeScale, String loadAverages,
                         double runMinutes) {

    /** (label, value) pairs, in report order. */
    List<String[]> lines() {
        return List.of(
                new String[] {"command", "`" + commandLine + "`"},
                new String[] {"started", startedAt},
                new String[] {"machine", machine},
                new String[] {"load average", loadAverages},
                new String[] {"run time", String.format(java.util.Locale.ROOT, "%.1f min for the whole command "
                        + "(devstack and pipeline start included)", runMinutes)},
                new String[] {"broker", broker},
                new String[] {"services", services},
                new String[] {"workload", String.format(java.util.Locale.ROOT,
                        "%d rounds of %d new simulated clips of %d KB (fleet uploader, %d vehicles, %d uploads in "
                                + "flight), after one unmeasured warm-up round", rounds, clipsPerRound,
                        clipBytes / 1000, vehicles, concurrency)},
                new String[] {"labeling", "processing.guarantee=exactly_once_v2, commit.interval.ms="
                        + commitIntervalMs + "; " + batching},
                new String[] {"backends", "dojo + nvidia simulators at time scale " + trim(backendTimeScale)
                        + " (simulated seconds per real second)"});
    }

    private static String trim(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }
}
