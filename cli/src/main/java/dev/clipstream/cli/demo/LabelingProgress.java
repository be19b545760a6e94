package dev.clipstream.cli.demo;

import java.util.Map;

/**
 * How far the labeling app has got, from its consumer group (via the lag monitor): its committed offset per
 * partition of clips.uploaded, and how many records it has still to read on its internal repartition topics.
 *
 * @param committedOffsets partition -> committed offset; a partition without one has not been read at all
 * @param internalLag      unread records on the app's own repartition topics (clips between two of its steps)
 */
public record LabelingProgress(Map<Integer, Long> committedOffsets, long internalLag) {

    public static final LabelingProgress NOTHING_READ = new LabelingProgress(Map.of(), 0);

    public LabelingProgress {
        committedOffsets = Map.copyOf(committedOffsets);
    }

    /** True when the labeling app has read (and committed) the record at this position. */
    public boolean hasRead(int partition, long offset) {
        Long committed = committedOffsets.get(partition);
        return committed != null && offset < committed;
    }
}
