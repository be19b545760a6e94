package dev.clipstream.dispatch.app;

import dev.clipstream.dispatch.policy.PolicySettings;
import dev.clipstream.runtime.management.ManagementSettings;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Everything the dispatcher needs besides Kafka, the registry and the backend clients.
 *
 * @param consumerPollInterval  longest the loop blocks in one poll of training.batches; every HTTP call runs
 *                              elsewhere, so this bounds how late the loop reacts to anything
 * @param backendPollInterval   pause between two status + job-list polls of one backend
 * @param unresponsiveAfter     a backend that has not answered this long gets cancel requests for its jobs; its
 *                              batches move only once it confirms their jobs ended (never while it is silent)
 * @param initialBackoff        retry delay after the first failed or preempted attempt, doubled per attempt
 * @param maxBackoff            cap of the retry delay
 * @param groupId               consumer group whose committed offsets mark the batches already recorded
 * @param transactionalId       one per dispatcher deployment; a new instance fences the previous one
 * @param framesPerSecond       frame rate a job trains at (TrainingBatch has seconds of video, not frames)
 * @param shutdownTimeout       how long a graceful close waits for submits in flight to be answered and recorded
 * @param holdAhead             batches per backend that may be assigned ahead of a free slot: recorded ASSIGNED,
 *                              held by the dispatcher and submitted the moment a slot frees, which hides the latency
 *                              of recording a decision; 0 = assign only into free slots. Never sent beyond free
 *                              capacity either way
 * @param producerOverrides     extra Kafka producer settings (kafka.producer.*)
 * @param consumerOverrides     extra Kafka consumer settings (kafka.consumer.*)
 */
public record DispatchSettings(PolicySettings policy, Duration consumerPollInterval, Duration backendPollInterval,
                               Duration unresponsiveAfter, Duration initialBackoff, Duration maxBackoff,
                               String groupId, String transactionalId, String batchesTopic, String eventsTopic,
                               double framesPerSecond, Duration shutdownTimeout, int holdAhead,
                               ManagementSettings management,
                               Map<String, String> producerOverrides, Map<String, String> consumerOverrides) {

    public static final String SERVICE_NAME = "training-dispatch";

    public DispatchSettings {
        Objects.requireNonNull(policy, "policy");
        requirePositive(consumerPollInterval, "consumer poll interval");
        requirePositive(backendPollInterval, "backend poll interval");
        requirePositive(unresponsiveAfter, "unresponsive-after");
        requirePositive(initialBackoff, "initial backoff");
        requirePositive(maxBackoff, "max backoff");
        requirePositive(shutdownTimeout, "shutdown timeout");
        Objects.requireNonNull(groupId, "groupId");
        Objects.requireNonNull(transactionalId, "transactionalId");
        Objects.requireNonNull(batchesTopic, "batchesTopic");
        Objects.requireNonNull(eventsTopic, "eventsTopic");
        Objects.requireNonNull(management, "management");
        if (!(framesPerSecond > 0)) {
            throw new IllegalArgumentException("frames per second must be > 0, was " + framesPerSecond);
        }
        if (holdAhead < 0) {
            throw new IllegalArgumentException("hold-ahead must be >= 0, was " + holdAhead);
        }
        producerOverrides = Map.copyOf(producerOverrides);
        consumerOverrides = Map.copyOf(consumerOverrides);
    }

    private static void requirePositive(Duration duration, String what) {
        if (duration == null || duration.isZero() || duration.isNegative()) {
            throw new IllegalArgumentException(what + " must be a positive duration, was " + duration);
        }
    }

    public DispatchSettings withTopics(String batches, String events) {
        return new DispatchSettings(policy, consumerPollInterval, backendPollInterval, unresponsiveAfter,
                initialBackoff, maxBackoff, groupId, transactionalId, batches, events, framesPerSecond,
                shutdownTimeout, holdAhead, management, producerOverrides, consumerOverrides);
    }

    public DispatchSettings withIds(String newGroupId, String newTransactionalId) {
        return new DispatchSettings(policy, consumerPollInterval, backendPollInterval, unresponsiveAfter,
                initialBackoff, maxBackoff, newGroupId, newTransactionalId, batchesTopic, eventsTopic, framesPerSecond,
                shutdownTimeout, holdAhead, management, producerOverrides, consumerOverrides);
    }

    public DispatchSettings withPolicy(PolicySettings newPolicy) {
        return new DispatchSettings(newPolicy, consumerPollInterval, backendPollInterval, unresponsiveAfter,
                initialBackoff, maxBackoff, groupId, transactionalId, batchesTopic, eventsTopic, framesPerSecond,
                shutdownTimeout, holdAhead, management, producerOverrides, consumerOverrides);
    }

    public DispatchSettings withIntervals(Duration consumerPoll, Duration backendPoll, Duration unresponsive) {
        return new DispatchSettings(policy, consumerPoll, backendPoll, unresponsive, initialBackoff, maxBackoff,
                groupId, transactionalId, batchesTopic, eventsTopic, framesPerSecond, shutdownTimeout, holdAhead,
                management, producerOverrides, consumerOverrides);
    }

    public DispatchSettings withHoldAhead(int batchesPerBackend) {
        return new DispatchSettings(policy, consumerPollInterval, backendPollInterval, unresponsiveAfter,
                initialBackoff, maxBackoff, groupId, transactionalId, batchesTopic, eventsTopic, framesPerSecond,
                shutdownTimeout, batchesPerBackend, management, producerOverrides, consumerOverrides);
    }

    public DispatchSettings withBackoff(Duration initial, Duration max) {
        return new DispatchSettings(policy, consumerPollInterval, backendPollInterval, unresponsiveAfter, initial,
                max, groupId, transactionalId, batchesTopic, eventsTopic, framesPerSecond, shutdownTimeout, holdAhead,
                management, producerOverrides, consumerOverrides);
    }

    public DispatchSettings withKafkaOverrides(Map<String, String> producer, Map<String, String> consumer) {
        return new DispatchSettings(policy, consumerPollInterval, backendPollInterval, unresponsiveAfter,
                initialBackoff, maxBackoff, groupId, transactionalId, batchesTopic, eventsTopic, framesPerSecond,
                shutdownTimeout, holdAhead, management, producer, consumer);
    }
}
