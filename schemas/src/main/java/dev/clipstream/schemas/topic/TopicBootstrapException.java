package dev.clipstream.schemas.topic;

/** Topic bootstrap could not talk to the cluster or the cluster refused an operation. */
public class TopicBootstrapException extends RuntimeException {

    public TopicBootstrapException(String message, Throwable cause) {
        super(message, cause);
    }
}
