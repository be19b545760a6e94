package dev.clipstream.dispatch.bench;

import dev.clipstream.devstack.DevStack;
import dev.clipstream.devstack.DevStackException;
import dev.clipstream.devstack.DevStackOptions;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code clipstream bench dispatch}: utilisation and publish-to-start latency under a saturating batch stream. */
@Command(
        name = "dispatch",
        mixinStandardHelpOptions = true,
        description = {
                "Dispatcher benchmark on the simulated clock: per round, fresh simulated Dojo and Nvidia backends, a "
                        + "fresh dispatcher and a stream of batches faster than the backends can train them.",
                "Reports utilisation of the available backend capacity while batches wait (target >= 95%%) and the "
                        + "time from a batch published to its job started (p50, p99, HdrHistogram), medians over rounds.",
                "Without --bootstrap-servers and --schema-registry-url an embedded devstack is started."})
public final class DispatchBenchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--rounds", defaultValue = "3", description = "Rounds; medians are reported (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--warmup-rounds", defaultValue = "1",
            description = "Unmeasured rounds first, so that no round measures a cold JIT (default: ${DEFAULT-VALUE}).")
    int warmupRounds;

    @Option(names = "--publish-seconds", defaultValue = "20",
            description = "Real seconds of publishing per round (default: ${DEFAULT-VALUE}).")
    int publishSeconds;

    @Option(names = "--rate", defaultValue = "4",
            description = "Batches published per real second; the backends train ~2.3/s at the defaults "
                    + "(default: ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--video-seconds", defaultValue = "4000",
            description = "Seconds of video per batch, i.e. the job size (default: ${DEFAULT-VALUE}).")
    double videoSeconds;

    @Option(names = "--time-scale", defaultValue = "600",
            description = "Simulated seconds per real second (default: ${DEFAULT-VALUE}).")
    double timeScale;

    @Option(names = "--max-wait-ms", defaultValue = "0",
            description = "Policy max-wait before falling back from Dojo to Nvidia (default: ${DEFAULT-VALUE}).")
    long maxWaitMillis;

    @Option(names = "--backend-poll-ms", defaultValue = "100",
            description = "Dispatcher's backend poll interval (default: ${DEFAULT-VALUE}).")
    long backendPollMillis;

    @Option(names = "--hold-ahead", defaultValue = "1",
            description = "dispatch.policy.hold-ahead: batches per backend assigned ahead of a free slot "
                    + "(default: ${DEFAULT-VALUE}).")
    int holdAhead;

    @Option(names = "--bootstrap-servers", description = "Kafka to use; needs --schema-registry-url.")
    String bootstrapServers;

    @Option(names = "--schema-registry-url", description = "Schema registry to use; needs --bootstrap-servers.")
    String schemaRegistryUrl;

    @Override
    public Integer call() throws Exception {
        if (rounds < 1 || publishSeconds < 1 || !(rate > 0) || !(videoSeconds > 0) || !(timeScale > 0)
                || maxWaitMillis < 0 || backendPollMillis < 1 || holdAhead < 0 || warmupRounds < 0) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--rounds, --publish-seconds, --rate, "
                    + "--video-seconds, --time-scale and --backend-poll-ms must be positive, --max-wait-ms and --hold-ahead >= 0");
        }
        if ((bootstrapServers == null) != (schemaRegistryUrl == null)) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--bootstrap-servers and --schema-registry-url go together");
        }
        PrintWriter out = spec.commandLine().getOut();
        DispatchBenchmark.Options options = new DispatchBenchmark.Options(Duration.ofSeconds(publishSeconds), rate,
                videoSeconds, timeScale, Duration.ofMillis(maxWaitMillis), Duration.ofMillis(backendPollMillis), holdAhead);
        if (bootstrapServers != null) {
            run(new DispatchBenchmark(bootstrapServers, schemaRegistryUrl, options), out);
            return CommandLine.ExitCode.OK;
        }
        out.println("Starting an embedded devstack (Kafka broker and schema registry) for this run...");
        out.flush();
        try (DevStack stack = DevStack.start(DevStackOptions.defaults())) {
            run(new DispatchBenchmark(stack.bootstrapServers(), stack.schemaRegistryUrl(), options), out);
        } catch (DevStackException e) {
            spec.commandLine().getErr().println("The devstack failed to start: " + e.getMessage());
            return CommandLine.ExitCode.SOFTWARE;
        }
        return CommandLine.ExitCode.OK;
    }

    private void run(DispatchBenchmark benchmark, PrintWriter out) throws Exception {
        out.printf(Locale.ROOT, "bench dispatch: %d rounds, %d s of %.1f batches/s, %.0f s of video per batch, time "
                        + "scale %.0f, max-wait %d ms, backend poll %d ms, hold-ahead %d%n", rounds, publishSeconds, rate,
                videoSeconds, timeScale, maxWaitMillis, backendPollMillis, holdAhead);
        for (int warmup = 1; warmup <= warmupRounds; warmup++) {
            out.printf(Locale.ROOT, "Warm-up round %d/%d (not counted)%n", warmup, warmupRounds);
            out.flush();
            benchmark.runRound(100 + warmup, out);
        }
        List<DispatchBenchmark.RoundResult> results = new ArrayList<>();
        for (int round = 1; round <= rounds; round++) {
            out.printf(Locale.ROOT, "Round %d/%d%n", round, rounds);
            out.flush();
            results.add(benchmark.runRound(round, out));
        }
        double utilisation = median(results.stream().mapToDouble(DispatchBenchmark.RoundResult::utilisation).toArray());
        double steady = median(results.stream().mapToDouble(DispatchBenchmark.RoundResult::steadyUtilisation)
                .toArray());
        double p50 = median(results.stream().mapToDouble(DispatchBenchmark.RoundResult::p50Millis).toArray());
        double p99 = median(results.stream().mapToDouble(DispatchBenchmark.RoundResult::p99Millis).toArray());
        out.println();
        out.println("| Metric (median of " + rounds + " rounds) | Value |");
        out.println("|---|---|");
        out.printf(Locale.ROOT, "| Utilisation of available capacity while batches wait | %.1f%% |%n", 100 * utilisation);
        out.printf(Locale.ROOT, "| Same, after the ramp-up (from the first moment all capacity was busy) | %.1f%% |%n",
                100 * steady);
        out.printf(Locale.ROOT, "| Batch published -> job started, p50 | %.0f ms |%n", p50);
        out.printf(Locale.ROOT, "| Batch published -> job started, p99 | %.0f ms |%n", p99);
        out.printf(Locale.ROOT, "Target utilisation >= 95%%: %s overall, %s after the ramp-up%n",
                utilisation >= 0.95 ? "met" : "NOT met", steady >= 0.95 ? "met" : "NOT met");
        out.flush();
    }

    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int middle = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
