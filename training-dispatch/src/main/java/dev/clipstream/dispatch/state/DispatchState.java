package dev.clipstream.dispatch.state;

import dev.clipstream.dispatch.policy.BatchPriority;
import dev.clipstream.schemas.avro.BatchOrigin;
import dev.clipstream.schemas.avro.DispatchEvent;
import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which batch is where: the fold of the dispatch.events log. The dispatcher applies every event it writes, and a
 * restarted dispatcher applies the whole log, so both see the same state. Owned by one thread; not thread-safe.
 */
public final class DispatchState {

    private static final Logger LOG = LoggerFactory.getLogger(DispatchState.class);

    private final Map<String, BatchRecord> batches = new LinkedHashMap<>();
    private long eventsApplied;
    private long ignoredEvents;

    public void apply(DispatchEvent event) {
        eventsApplied++;
        String batchId = event.getBatchId().toString();
        Instant time = event.getEventTime();
        if (event.getDecision() == dev.clipstream.schemas.avro.DispatchDecision.QUEUED) {
            batches.computeIfAbsent(batchId, id -> new BatchRecord(id, specOf(event)));
            return;
        }
        BatchRecord record = batches.get(batchId);
        if (record == null) {
            // An event of a batch whose QUEUED event is gone (retention) or was never written: nothing to track.
            ignoredEvents++;
            return;
        }
        switch (event.getDecision()) {
            case ASSIGNED -> record.assigned(event.getBackendId(), event.getAttempt(), time);
            case PLACED -> record.placed(event.getJobId(), time);
            case STARTED -> record.started(time);
            case COMPLETED -> record.completed(event.getDurationSeconds(), event.getCostUsd(), time);
            case FAILED, PREEMPTED, CANCELLED, REROUTED -> record.backToWaiting(event.getJobId(), time);
            default -> {
                ignoredEvents++;
                LOG.debug("Ignoring {} event of batch {}", event.getDecision(), batchId);
            }
        }
    }

    private static BatchRecord.JobSpec specOf(DispatchEvent event) {
        BatchPriority priority = event.getOrigin() == BatchOrigin.REPLAY ? BatchPriority.REPLAY : BatchPriority.LIVE;
        Instant published = event.getPublishedAt() != null ? event.getPublishedAt() : event.getEventTime();
        return new BatchRecord.JobSpec(
                event.getCampaignId() != null ? event.getCampaignId() : "unknown",
                event.getClipCount() != null ? event.getClipCount() : 0,
                event.getVideoSeconds() != null ? event.getVideoSeconds() : 0.0,
                event.getFramesPerSecond() != null ? event.getFramesPerSecond() : 0.0,
                priority, published);
    }

    public Optional<BatchRecord> batch(String batchId) {
        return Optional.ofNullable(batches.get(batchId));
    }

    public boolean knows(String batchId) {
        return batches.containsKey(batchId);
    }

    public Collection<BatchRecord> batches() {
        return Collections.unmodifiableCollection(batches.values());
    }

    public Map<BatchPhase, Long> countByPhase() {
        Map<BatchPhase, Long> counts = new EnumMap<>(BatchPhase.class);
        for (BatchPhase phase : BatchPhase.values()) {
            counts.put(phase, 0L);
        }
        batches.values().forEach(record -> counts.merge(record.phase(), 1L, Long::sum));
        return counts;
    }

    public long eventsApplied() {
        return eventsApplied;
    }

    public long ignoredEvents() {
        return ignoredEvents;
    }
}
