package dev.clipstream.cli.demo;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where every accepted clip is. Terminal places: in a training batch, or rejected with a reason. In flight: not read
 * by labeling yet, between labeling's steps (read, or labeled, while its repartition topics still have unread
 * records), or labeled and waiting in a batch that has not closed yet (less than the batch age limit plus a grace
 * ago, with nothing left to read). Anything else is
 * unaccounted: a clip the pipeline has lost (or that ingest acknowledged without an event on clips.uploaded).
 *
 * @param inconsistent clips both batched and rejected (counted as batched; shown, and they fail the demo)
 * @param unaccountedSample a few unaccounted clip ids, to look up
 */
public record ClipAccount(long accepted, long batched, Map<String, Long> rejectedByReason, long waitingForLabeling,
                          long inLabeling, long inOpenBatch, long unaccounted, long inconsistent,
                          List<String> unaccountedSample) {

    public ClipAccount {
        rejectedByReason = Map.copyOf(new TreeMap<>(rejectedByReason));
        unaccountedSample = List.copyOf(unaccountedSample);
    }

    public long rejected() {
        return rejectedByReason.values().stream().mapToLong(Long::longValue).sum();
    }

    public long inFlight() {
        return waitingForLabeling + inLabeling + inOpenBatch;
    }

    /** Accepted = batched + rejected + in flight + unaccounted, by construction; this checks it. */
    public boolean balances() {
        return accepted == batched + rejected() + inFlight() + unaccounted;
    }
}
