package dev.clipstream.replay.manifest;

import dev.clipstream.replay.selection.BatchSelection;
import java.util.List;
import java.util.Map;

/**
 * The result of scanning the source topic for a selection: the snapshot's end offsets (fixed before the scan
 * started), the log start offsets it began at, and the matching batches in (partition, offset) order.
 */
public record SelectionSnapshot(String topic, BatchSelection selection, Map<Integer, Long> startOffsets,
                                Map<Integer, Long> endOffsets, List<SelectedBatch> batches, long scannedRecords,
                                long unreadableRecords, long duplicateBatches) {

    public SelectionSnapshot {
        startOffsets = Map.copyOf(startOffsets);
        endOffsets = Map.copyOf(endOffsets);
        batches = List.copyOf(batches);
    }
}
