package dev.clipstream.dispatch.app;

import java.util.Map;

/**
 * A consistent picture of the dispatcher, published by the loop after every iteration (metrics, tests, readiness).
 *
 * @param batchesByBackendAndPhase "backend|PHASE" -> count; waiting batches count under backend "none"
 * @param utilisation              per backend: busy units / capacity units at its last answer (0 when unknown)
 * @param costUsd                  per backend: simulated cost of every job that ended there
 * @param deadLetters              unreadable records of the batches topic committed to the dead-letter topic
 * @param cancelsSent              cancels sent to backends (a job on a silent or down backend), since the loop started
 */
public record DispatchView(boolean recovered, long queueDepth, Map<String, Long> batchesByBackendAndPhase,
                           Map<String, Double> utilisation, Map<String, Boolean> backendUp,
                           Map<String, Integer> freeJobSlots, Map<String, Double> costUsd, long completed,
                           long eventsWritten, long deadLetters, long cancelsSent) {

    static final DispatchView EMPTY = new DispatchView(false, 0, Map.of(), Map.of(), Map.of(), Map.of(), Map.of(),
            0, 0, 0, 0);

    public DispatchView {
        batchesByBackendAndPhase = Map.copyOf(batchesByBackendAndPhase);
        utilisation = Map.copyOf(utilisation);
        backendUp = Map.copyOf(backendUp);
        freeJobSlots = Map.copyOf(freeJobSlots);
        costUsd = Map.copyOf(costUsd);
    }
}
