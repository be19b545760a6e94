package dev.clipstream.lag.model;

/**
 * One group's lag on one topic-partition.
 *
 * @param committedOffset          the group's committed offset; null when it has none ({@link PartitionCondition#NO_COMMITTED_OFFSET})
 * @param logStartOffset           first offset still in the log; -1 when unreadable
 * @param endOffset                the last stable offset (read_committed end): what a consumer can reach; -1 when unreadable
 * @param recordLag                records the group has still to consume; null when undefined (no committed offset,
 *                                 unreadable). Counts from the first data record at or after the committed offset, so
 *                                 transaction markers and aborted records in front of it are not lag
 * @param timeLagMillis            age of the oldest unconsumed record (now minus its timestamp); 0 when caught up; null
 *                                 when undefined or the record could not be read in time
 * @param oldestUnconsumedTimestamp timestamp of that record (epoch ms), null when none
 * @param lostRecords              for {@link PartitionCondition#BEHIND_LOG_START}: offsets deleted by retention before
 *                                 the group read them (log start minus committed); else 0
 * @param units                    lag in pipeline units when the topic carries them, else null
 * @param owner                    the member consuming the partition (client id @ host), null when unassigned
 * @param note                     a short explanation of the condition, empty when normal
 */
public record PartitionLag(String topic, int partition, Long committedOffset, long logStartOffset, long endOffset,
                           Long recordLag, Long timeLagMillis, Long oldestUnconsumedTimestamp, long lostRecords,
                           UnitLag units, PartitionCondition condition, String owner, String note) {
}
