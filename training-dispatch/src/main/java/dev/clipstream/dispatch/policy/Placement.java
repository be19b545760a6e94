package dev.clipstream.dispatch.policy;

import java.util.List;

/**
 * The policy's decision for one batch.
 *
 * @param reason       why this backend, in words
 * @param alternatives every backend of the batch's order, each with why it was or was not chosen
 */
public record Placement(String batchId, String backend, String reason, List<String> alternatives) {

    public Placement {
        alternatives = List.copyOf(alternatives);
    }
}
