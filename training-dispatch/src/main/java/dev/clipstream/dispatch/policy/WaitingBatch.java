package dev.clipstream.dispatch.policy;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * A batch that waits for a backend, as the policy sees it.
 *
 * @param waitingSince when the batch was published; its wait (against max-wait) is measured from here
 * @param notBefore    retry backoff: the batch is not placed before this time
 * @param excluded     backends that cannot take this batch (e.g. they keep an earlier final job for it)
 */
public record WaitingBatch(String batchId, BatchPriority priority, Instant waitingSince, Instant notBefore,
                           Set<String> excluded) {

    public WaitingBatch {
        Objects.requireNonNull(batchId, "batchId");
        Objects.requireNonNull(priority, "priority");
        Objects.requireNonNull(waitingSince, "waitingSince");
        Objects.requireNonNull(notBefore, "notBefore");
        excluded = Set.copyOf(excluded);
    }

    public static WaitingBatch of(String batchId, BatchPriority priority, Instant waitingSince) {
        return new WaitingBatch(batchId, priority, waitingSince, Instant.EPOCH, Set.of());
    }
}
