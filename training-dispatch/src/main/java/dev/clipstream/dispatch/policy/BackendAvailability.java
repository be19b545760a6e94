package dev.clipstream.dispatch.policy;

import java.util.Objects;

/**
 * One backend as the policy sees it at a moment.
 *
 * @param answering     the last status call succeeded recently
 * @param up            the backend said it is up (only meaningful when answering)
 * @param state         the backend's own state word (UP, DOWN, MAINTENANCE), or "NOT-ANSWERING"
 * @param freeJobSlots  job slots free now: the backend's freeJobSlots minus the jobs placed since that status
 * @param totalJobSlots job slots when idle (0 when the backend has no capacity at all)
 */
public record BackendAvailability(String name, boolean answering, boolean up, String state, int freeJobSlots,
                                  int totalJobSlots) {

    public BackendAvailability {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(state, "state");
    }

    public static BackendAvailability up(String name, int freeJobSlots, int totalJobSlots) {
        return new BackendAvailability(name, true, true, "UP", freeJobSlots, totalJobSlots);
    }

    public static BackendAvailability down(String name, int totalJobSlots) {
        return new BackendAvailability(name, true, false, "DOWN", 0, totalJobSlots);
    }

    public static BackendAvailability notAnswering(String name) {
        return new BackendAvailability(name, false, false, "NOT-ANSWERING", 0, 0);
    }

    /** Can take work at all (now or once a slot frees): answering, up and with some capacity. */
    public boolean usable() {
        return answering && up && totalJobSlots > 0;
    }

    String describe() {
        if (!answering) {
            return "not answering";
        }
        if (!up) {
            return "unavailable (state " + state + ")";
        }
        if (totalJobSlots <= 0) {
            return "no capacity";
        }
        return freeJobSlots > 0 ? freeJobSlots + " free job slots" : "full (0 free job slots)";
    }
}
