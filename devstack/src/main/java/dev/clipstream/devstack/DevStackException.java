package dev.clipstream.devstack;

/** A devstack part could not start or stop; the message says which part and why. */
public class DevStackException extends RuntimeException {

    public DevStackException(String message) {
        super(message);
    }

    public DevStackException(String message, Throwable cause) {
        super(message, cause);
    }
}
