package dev.clipstream.lag.status;

import dev.clipstream.lag.model.LagStatus;

/** A status and the sentence that explains it. */
public record StatusVerdict(LagStatus status, String reason) {
}
