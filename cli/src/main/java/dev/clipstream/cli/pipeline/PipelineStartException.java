package dev.clipstream.cli.pipeline;

/** A pipeline could not start; whatever had started is stopped again and the work dir is removed. */
public class PipelineStartException extends RuntimeException {

    public PipelineStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
