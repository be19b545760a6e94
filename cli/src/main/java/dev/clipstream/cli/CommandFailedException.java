package dev.clipstream.cli;

/** A command could not do its job; the message is written for the person at the terminal. */
public class CommandFailedException extends RuntimeException {

    public CommandFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
