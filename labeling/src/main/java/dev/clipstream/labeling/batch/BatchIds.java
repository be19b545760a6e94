package dev.clipstream.labeling.batch;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Batch ids are name-based UUIDs (version 3) of the campaign id and the sorted clip ids: the same clips for the
 * same campaign always give the same id, so a retried or replayed input cannot make a second batch that a
 * consumer would take for new work.
 */
public final class BatchIds {

    private BatchIds() {
    }

    public static UUID of(String campaignId, Collection<String> clipIds) {
        StringBuilder name = new StringBuilder("clipstream-batch\n").append(campaignId);
        for (String clipId : new TreeSet<>(clipIds)) {
            name.append('\n').append(clipId);
        }
        return UUID.nameUUIDFromBytes(name.toString().getBytes(StandardCharsets.UTF_8));
    }
}
