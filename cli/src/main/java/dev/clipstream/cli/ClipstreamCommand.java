package dev.clipstream.cli;

import dev.clipstream.backends.cli.BackendCommand;
import dev.clipstream.cli.bench.BenchCommand;
import dev.clipstream.cli.demo.DemoCommand;
import dev.clipstream.cli.deploy.ConfigCommand;
import dev.clipstream.cli.deploy.TopicsCommand;
import dev.clipstream.cli.security.AclsCommand;
import dev.clipstream.dispatch.cli.DispatchCommand;
import dev.clipstream.fleet.cli.PushCommand;
import dev.clipstream.ingest.cli.IngestCommand;
import dev.clipstream.labeling.cli.CampaignCommand;
import dev.clipstream.labeling.cli.LabelingCommand;
import dev.clipstream.lag.cli.LagCommand;
import dev.clipstream.replay.cli.ReplayCommand;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** The {@code clipstream} command: entry point of the jar; each tool is a subcommand. */
@Command(
        name = "clipstream",
        mixinStandardHelpOptions = true,
        // Wide enough that every command's summary fits on one line of the command list.
        usageHelpWidth = 120,
        versionProvider = ManifestVersionProvider.class,
        synopsisSubcommandLabel = "COMMAND",
        description = "Clipstream: an event-driven pipeline that ingests fleet camera clips, labels them and "
                + "dispatches training batches, over Kafka.",
        commandListHeading = "%nCommands:%n",
        // In pipeline order: the stack, the services from upload to training, then operations.
        subcommands = {DemoCommand.class, DevstackCommand.class, TopicsCommand.class, IngestCommand.class,
                PushCommand.class, LabelingCommand.class, CampaignCommand.class, BackendCommand.class,
                DispatchCommand.class, LagCommand.class, ReplayCommand.class, AclsCommand.class, ConfigCommand.class,
                BenchCommand.class,
                CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:Success; also when a long-running command is stopped with Ctrl-C.",
                "1:Failure while running, e.g. the devstack could not start.",
                "2:Usage error: unknown command or option, or a bad option value."},
        footerHeading = "%nExample:%n",
        footer = {
                "  # The whole pipeline with a simulated fleet, a live view and a summary:",
                "  clipstream demo",
                "  # A Kafka broker and a schema registry on free ports, until Ctrl-C:",
                "  clipstream devstack",
                "  # The same on fixed ports:",
                "  clipstream devstack --kafka-port 9092 --registry-port 8081",
                "  # Producer throughput with Clipstream's Avro serde, relative to Kafka's own:",
                "  clipstream bench produce"})
public final class ClipstreamCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--verbose", scope = ScopeType.INHERIT,
            description = "Print the stack trace of an error, not just its message.")
    boolean verbose;

    /** Without a command there is nothing to do: show what there is and report a usage error. */
    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        err.println(spec.commandLine().getColorScheme().errorText("Missing command."));
        spec.commandLine().usage(err);
        return CommandLine.ExitCode.USAGE;
    }

    boolean verbose() {
        return verbose;
    }

    /** The fully wired command line: the one {@link #main} runs and the tests exercise. */
    public static CommandLine commandLine() {
        ClipstreamCommand root = new ClipstreamCommand();
        CommandLine commandLine = new CommandLine(root);
        commandLine.setExecutionExceptionHandler(new ErrorReporter(root));
        return commandLine;
    }

    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }
}
