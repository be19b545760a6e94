package dev.clipstream.dispatch.policy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Decides which waiting batches go to which backend, in the spirit of Kueue's ordered flavors with SkyPilot-style
 * failover. Pure: no I/O, no clock of its own, so every rule is unit-tested without Kafka or HTTP.
 *
 * <p>Rules, applied to the batches in priority order (higher class first, then oldest first):
 * <ol>
 *   <li>A batch goes to the first backend of its order that is usable (answering, up, with capacity) and has a
 *       free job slot: the preferred backend whenever it has room, which is also how work returns to it after it
 *       recovers.</li>
 *   <li>A later backend in the order is allowed only when every earlier one is unusable (down, not answering, no
 *       capacity), or the batch has waited at least its class's max-wait.</li>
 *   <li>Never beyond free capacity: each placement takes one slot of the snapshot, which the caller has already
 *       reduced by the jobs placed since the backend last reported.</li>
 *   <li>Priority holds: a batch never takes a slot that a higher-class batch, eligible for it, was left without.</li>
 *   <li>A batch in retry backoff ({@code notBefore} in the future) or excluded from a backend is skipped there.</li>
 * </ol>
 * A batch no backend may take now gets no placement; it stays waiting.
 */
public final class PlacementPolicy {

    private final PolicySettings settings;

    public PlacementPolicy(PolicySettings settings) {
        this.settings = settings;
    }

    public PolicySettings settings() {
        return settings;
    }

    public List<Placement> place(List<WaitingBatch> waiting, Map<String, BackendAvailability> backends, Instant now) {
        Map<String, Integer> freeSlots = new HashMap<>();
        backends.forEach((name, availability) ->
                freeSlots.put(name, availability.usable() ? Math.max(0, availability.freeJobSlots()) : 0));

        List<WaitingBatch> ordered = new ArrayList<>(waiting);
        ordered.sort(Comparator.comparingInt((WaitingBatch batch) -> settings.priorityOrder().indexOf(batch.priority()))
                .thenComparing(WaitingBatch::waitingSince)
                .thenComparing(WaitingBatch::batchId));

        List<Placement> placements = new ArrayList<>();
        for (WaitingBatch batch : ordered) {
            if (freeSlots.values().stream().allMatch(free -> free <= 0)) {
                break;
            }
            if (batch.notBefore().isAfter(now)) {
                continue;
            }
            decide(batch, backends, freeSlots, now).ifPresent(placement -> {
                freeSlots.merge(placement.backend(), -1, Integer::sum);
                placements.add(placement);
            });
        }
        return placements;
    }

    private java.util.Optional<Placement> decide(WaitingBatch batch, Map<String, BackendAvailability> backends,
                                                 Map<String, Integer> freeSlots, Instant now) {
        List<String> order = settings.order(batch.priority());
        Duration waited = Duration.between(batch.waitingSince(), now);
        Duration maxWait = settings.maxWait(batch.priority());
        boolean waitedEnough = waited.compareTo(maxWait) >= 0;

        String chosen = null;
        String reason = null;
        List<String> skipped = new ArrayList<>();
        boolean earlierUsable = false;
        for (String name : order) {
            BackendAvailability availability = backends.getOrDefault(name, BackendAvailability.notAnswering(name));
            boolean usable = availability.usable() && !batch.excluded().contains(name);
            int free = freeSlots.getOrDefault(name, 0);
            if (usable && free > 0 && (!earlierUsable || waitedEnough)) {
                chosen = name;
                reason = reasonFor(name, free, skipped, earlierUsable, waited, maxWait);
                break;
            }
            skipped.add(name + " " + (batch.excluded().contains(name) ? "excluded for this batch" : describe(availability, free)));
            earlierUsable |= usable;
        }
        if (chosen == null) {
            return java.util.Optional.empty();
        }
        List<String> alternatives = new ArrayList<>();
        boolean seenChosen = false;
        for (String name : order) {
            BackendAvailability availability = backends.getOrDefault(name, BackendAvailability.notAnswering(name));
            int free = freeSlots.getOrDefault(name, 0);
            String description = batch.excluded().contains(name) ? "excluded for this batch" : describe(availability, free);
            if (name.equals(chosen)) {
                alternatives.add(name + ": chosen (" + description + ")");
                seenChosen = true;
            } else if (!seenChosen) {
                alternatives.add(name + ": skipped (" + description + ")");
            } else {
                alternatives.add(name + ": lower preference (" + description + ")");
            }
        }
        return java.util.Optional.of(new Placement(batch.batchId(), chosen, reason, alternatives));
    }

    private static String reasonFor(String chosen, int free, List<String> skipped, boolean earlierUsable,
                                    Duration waited, Duration maxWait) {
        String room = chosen + " has " + free + " free job slot" + (free == 1 ? "" : "s");
        if (skipped.isEmpty()) {
            return "preferred backend: " + room;
        }
        if (earlierUsable) {
            return "waited " + seconds(waited) + " (max-wait " + seconds(maxWait) + ") for " + String.join(", ", skipped)
                    + "; fell back: " + room;
        }
        return String.join(", ", skipped) + "; fell back: " + room;
    }

    private static String describe(BackendAvailability availability, int free) {
        if (availability.usable()) {
            return free > 0 ? free + " free job slots" : "full (0 free job slots)";
        }
        return availability.describe();
    }

    private static String seconds(Duration duration) {
        return String.format(java.util.Locale.ROOT, "%.1fs", duration.toMillis() / 1000.0);
    }
}
