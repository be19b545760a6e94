package dev.clipstream.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.ParseResult;

/** Turns an exception from a command into one readable line (plus the stack trace with --verbose) and exit 1. */
final class ErrorReporter implements IExecutionExceptionHandler {

    private final ClipstreamCommand root;

    ErrorReporter(ClipstreamCommand root) {
        this.root = root;
    }

    @Override
    public int handleExecutionException(Exception exception, CommandLine commandLine, ParseResult parseResult) {
        PrintWriter err = commandLine.getErr();
        String message = exception.getMessage() != null ? exception.getMessage() : exception.toString();
        err.println(commandLine.getColorScheme().errorText("Error: " + message));
        if (root.verbose()) {
            exception.printStackTrace(err);
        } else {
            err.println("(run with --verbose for the stack trace)");
        }
        err.flush();
        return CommandLine.ExitCode.SOFTWARE;
    }
}
