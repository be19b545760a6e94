package dev.clipstream.lag.compute;

/** The cluster could not be read at all (e.g. no broker answers): every watched group is then ERROR. */
public class ClusterUnreadableException extends RuntimeException {

    public ClusterUnreadableException(String message, Throwable cause) {
        super(message, cause);
    }
}
