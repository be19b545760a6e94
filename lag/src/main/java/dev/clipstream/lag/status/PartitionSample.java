package dev.clipstream.lag.status;

/**
 * What the evaluator needs of one partition at one sample.
 *
 * @param committedOffset the group's committed offset, null when it has none
 * @param lag             record lag, null when undefined
 */
public record PartitionSample(Long committedOffset, Long lag) {
}
