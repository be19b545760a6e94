package dev.clipstream.replay.manifest;

import dev.clipstream.replay.ReplayClients;
import dev.clipstream.replay.ReplayTopics;
import dev.clipstream.replay.selection.BatchSelection;
import dev.clipstream.schemas.avro.TrainingBatch;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the batches a selection takes in a fixed snapshot of the source topic: the end offsets are captured first,
 * then every partition is read from its log start up to them. Batches produced during the scan belong to the next
 * snapshot. A batch id seen twice (a producer retry outside a transaction) counts once, at its first offset.
 */
public final class BatchScanner {

    private static final Logger LOG = LoggerFactory.getLogger(BatchScanner.class);

    private final ReplayClients clients;
    private final ReplayTopics topics;
    private final Duration stallTimeout;

    public BatchScanner(ReplayClients clients, ReplayTopics topics, Duration stallTimeout) {
        this.clients = clients;
        this.topics = topics;
        this.stallTimeout = stallTimeout;
    }

    public SelectionSnapshot scan(BatchSelection selection) {
        try (SnapshotReader<TrainingBatch> reader = new SnapshotReader<>(clients, topics.batches(),
                topics.batchSerde().deserializer(), "clipstream-replay-scan", stallTimeout)) {
            Map<Integer, Long> end = reader.endOffsets();
            Map<Integer, Long> start = reader.beginningOffsets();
            Map<Integer, OffsetRange> ranges = new HashMap<>();
            end.forEach((partition, endOffset) ->
                    ranges.put(partition, new OffsetRange(Math.min(start.get(partition), endOffset), endOffset)));

            List<SelectedBatch> selected = new ArrayList<>();
            Set<String> seen = new HashSet<>();
            long[] duplicates = {0};
            SnapshotReader.ReadStats stats = reader.read(ranges, record -> {
                TrainingBatch batch = record.value();
                if (batch == null || !selection.matches(batch)) {
                    return;
                }
                if (!seen.add(batch.getBatchId().toString())) {
                    duplicates[0]++;
                    return;
                }
                selected.add(new SelectedBatch(record.partition(), record.offset(), record.key(), batch));
            });
            selected.sort(Comparator.comparingInt(SelectedBatch::partition).thenComparingLong(SelectedBatch::offset));
            LOG.info("Scanned {} records of {} up to {}: {} batches match '{}' ({} unreadable, {} duplicate ids)",
                    stats.records(), topics.batches(), end, selected.size(), selection.describe(),
                    stats.unreadable(), duplicates[0]);
            return new SelectionSnapshot(topics.batches(), selection, start, end, selected, stats.records(),
                    stats.unreadable(), duplicates[0]);
        }
    }
}
