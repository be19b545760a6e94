package dev.clipstream.cli.bench;

import dev.clipstream.cli.ManifestVersionProvider;
import dev.clipstream.cli.bench.pipeline.PipelineBenchCommand;
import dev.clipstream.dispatch.bench.DispatchBenchCommand;
import dev.clipstream.fleet.bench.IngestBenchCommand;
import dev.clipstream.lag.bench.LagBenchCommand;
import dev.clipstream.replay.bench.ReplayBenchCommand;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code clipstream bench}: groups the benchmarks; each one is a subcommand. */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        versionProvider = ManifestVersionProvider.class,
        synopsisSubcommandLabel = "BENCHMARK",
        description = {
                "Benchmarks of Clipstream against Kafka's own tools on the same broker, reported as ratios.",
                "The machines are shared and noisy, so every figure is a median over alternating runs."},
        commandListHeading = "%nBenchmarks:%n",
        subcommands = {ProduceBenchCommand.class, IngestBenchCommand.class, LabelingBenchCommand.class,
                DispatchBenchCommand.class, ReplayBenchCommand.class, LagBenchCommand.class,
                PipelineBenchCommand.class})
public final class BenchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    /** Without a benchmark there is nothing to run: show which exist and report a usage error. */
    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        err.println(spec.commandLine().getColorScheme().errorText("Missing benchmark."));
        spec.commandLine().usage(err);
        return CommandLine.ExitCode.USAGE;
    }
}
