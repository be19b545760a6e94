package dev.clipstream.runtime.management;

/** The management endpoint could not start, e.g. because its port is taken. */
public class ManagementServerException extends RuntimeException {

    public ManagementServerException(String message, Throwable cause) {
        super(message, cause);
    }
}
