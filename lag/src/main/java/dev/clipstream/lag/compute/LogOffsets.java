package dev.clipstream.lag.compute;

/**
 * The readable range of one partition.
 *
 * @param logStart first offset still in the log (after retention or deleteRecords)
 * @param end      last stable offset: the end a read_committed consumer can reach. Equal to the high watermark
 *                 unless a transaction is open; never counts records of an open transaction as lag
 */
public record LogOffsets(long logStart, long end) {
}
