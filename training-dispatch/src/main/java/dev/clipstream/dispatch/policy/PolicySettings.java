package dev.clipstream.dispatch.policy;

import java.time.Duration;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The placement policy as configuration.
 *
 * @param priorityOrder   priority classes, highest first (e.g. LIVE, REPLAY): a batch of a higher class is placed
 *                        before any batch of a lower one
 * @param orderByPriority per priority class: backends in preference order (first = preferred, the rest fallbacks)
 * @param maxWait         per priority class: how long a batch waits for a full preferred backend before it may go
 *                        to a later one with a free slot
 */
public record PolicySettings(List<BatchPriority> priorityOrder, Map<BatchPriority, List<String>> orderByPriority,
                             Map<BatchPriority, Duration> maxWait) {

    public PolicySettings {
        priorityOrder = List.copyOf(priorityOrder);
        if (new LinkedHashSet<>(priorityOrder).size() != BatchPriority.values().length) {
            throw new IllegalArgumentException("Priority order must name each of " + List.of(BatchPriority.values())
                    + " exactly once, was " + priorityOrder);
        }
        EnumMap<BatchPriority, List<String>> orders = new EnumMap<>(BatchPriority.class);
        EnumMap<BatchPriority, Duration> waits = new EnumMap<>(BatchPriority.class);
        for (BatchPriority priority : BatchPriority.values()) {
            List<String> order = List.copyOf(Objects.requireNonNull(orderByPriority.get(priority),
                    "no backend order for priority " + priority));
            if (order.isEmpty()) {
                throw new IllegalArgumentException("Backend order for priority " + priority + " is empty");
            }
            if (new LinkedHashSet<>(order).size() != order.size()) {
                throw new IllegalArgumentException("Backend order for priority " + priority
                        + " names a backend twice: " + order);
            }
            orders.put(priority, order);
            Duration wait = Objects.requireNonNull(maxWait.get(priority), "no max-wait for priority " + priority);
            if (wait.isNegative()) {
                throw new IllegalArgumentException("Max-wait for priority " + priority + " is negative: " + wait);
            }
            waits.put(priority, wait);
        }
        orderByPriority = Map.copyOf(orders);
        maxWait = Map.copyOf(waits);
    }

    /** One order and one max-wait for every class, LIVE before REPLAY. */
    public static PolicySettings uniform(List<String> order, Duration maxWait) {
        return new PolicySettings(List.of(BatchPriority.LIVE, BatchPriority.REPLAY),
                Map.of(BatchPriority.LIVE, order, BatchPriority.REPLAY, order),
                Map.of(BatchPriority.LIVE, maxWait, BatchPriority.REPLAY, maxWait));
    }

    public List<String> order(BatchPriority priority) {
        return orderByPriority.get(priority);
    }

    public Duration maxWait(BatchPriority priority) {
        return maxWait.get(priority);
    }

    /** Every backend any order names. */
    public List<String> backends() {
        LinkedHashSet<String> all = new LinkedHashSet<>();
        priorityOrder.forEach(priority -> all.addAll(order(priority)));
        return List.copyOf(all);
    }
}
