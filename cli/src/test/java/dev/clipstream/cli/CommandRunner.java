package dev.clipstream.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import picocli.CommandLine;

/** Runs the real {@code clipstream} command line in-process, its output captured, without ANSI colours. */
public final class CommandRunner {

    private CommandRunner() {
    }

    /** Executes {@code args} as the user would type them after {@code clipstream}; returns the exit code. */
    public static int execute(StringWriter out, StringWriter err, String... args) {
        CommandLine commandLine = ClipstreamCommand.commandLine();
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        commandLine.setColorScheme(CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF));
        return commandLine.execute(args);
    }
}
