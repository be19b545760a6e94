package dev.clipstream.dispatch.events;

import dev.clipstream.dispatch.policy.BatchPriority;
import dev.clipstream.dispatch.policy.Placement;
import dev.clipstream.dispatch.state.BatchRecord;
import dev.clipstream.schemas.avro.BatchOrigin;
import dev.clipstream.schemas.avro.DispatchDecision;
import dev.clipstream.schemas.avro.DispatchEvent;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Builds the dispatcher's {@link DispatchEvent}s, one method per decision, all stamped by one clock. */
public final class DispatchEvents {

    private final Clock clock;

    public DispatchEvents(Clock clock) {
        this.clock = clock;
    }

    public DispatchEvent queued(String batchId, BatchRecord.JobSpec spec) {
        return base(batchId, DispatchDecision.QUEUED, "received from training.batches", 0)
                .setOrigin(spec.priority() == BatchPriority.REPLAY ? BatchOrigin.REPLAY : BatchOrigin.LIVE)
                .setCampaignId(spec.campaignId())
                .setClipCount(spec.clipCount())
                .setVideoSeconds(spec.videoSeconds())
                .setFramesPerSecond(spec.framesPerSecond())
                .setPublishedAt(spec.publishedAt())
                .build();
    }

    public DispatchEvent assigned(BatchRecord record, Placement placement) {
        return base(record.batchId(), DispatchDecision.ASSIGNED, placement.reason(), record.attempt() + 1)
                .setBackendId(placement.backend())
                .setPreviousBackendId(record.previousBackend())
                .setAlternatives(List.copyOf(placement.alternatives()))
                .build();
    }

    public DispatchEvent placed(BatchRecord record, String jobId, String reason) {
        return onBackend(record, DispatchDecision.PLACED, reason).setJobId(jobId).build();
    }

    public DispatchEvent started(BatchRecord record, String reason) {
        return onBackend(record, DispatchDecision.STARTED, reason).build();
    }

    public DispatchEvent completed(BatchRecord record, double durationSeconds, double costUsd) {
        return onBackend(record, DispatchDecision.COMPLETED, "job succeeded on " + record.backend())
                .setDurationSeconds(durationSeconds).setCostUsd(costUsd).build();
    }

    /** FAILED, PREEMPTED or CANCELLED: the attempt's job ended without success. */
    public DispatchEvent ended(BatchRecord record, DispatchDecision decision, String reason, Double durationSeconds,
                               Double costUsd) {
        return onBackend(record, decision, reason).setDurationSeconds(durationSeconds).setCostUsd(costUsd).build();
    }

    public DispatchEvent rerouted(BatchRecord record, String reason) {
        return onBackend(record, DispatchDecision.REROUTED, reason).build();
    }

    private DispatchEvent.Builder onBackend(BatchRecord record, DispatchDecision decision, String reason) {
        return base(record.batchId(), decision, reason, Math.max(1, record.attempt()))
                .setBackendId(record.backend())
                .setJobId(record.jobId());
    }

    private DispatchEvent.Builder base(String batchId, DispatchDecision decision, String reason, int attempt) {
        return DispatchEvent.newBuilder()
                .setEventId(UUID.randomUUID())
                .setBatchId(UUID.fromString(batchId))
                .setDecision(decision)
                .setReason(reason)
                .setAttempt(attempt)
                .setEventTime(Instant.ofEpochMilli(clock.millis()));
    }
}
