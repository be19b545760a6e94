package dev.clipstream.replay.manifest;

import dev.clipstream.replay.ReplayClients;
import dev.clipstream.replay.ReplayTopics;
import dev.clipstream.schemas.avro.DatasetBatch;
import dev.clipstream.schemas.avro.DatasetManifest;
import dev.clipstream.schemas.avro.DatasetPartitionRange;
import dev.clipstream.schemas.avro.TrainingBatch;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads back exactly the batches a manifest names: only its offset ranges, and of those only the listed
 * (partition, offset) positions, each of which must hold the listed batch id. Anything else is an error that says
 * what is missing (typically: retention deleted the range) rather than a silently different dataset.
 */
public final class ManifestResolver {

    private final ReplayClients clients;
    private final ReplayTopics topics;
    private final Duration stallTimeout;

    public ManifestResolver(ReplayClients clients, ReplayTopics topics, Duration stallTimeout) {
        this.clients = clients;
        this.topics = topics;
        this.stallTimeout = stallTimeout;
    }

    /** The manifest's batches, in manifest order. */
    public List<SelectedBatch> resolve(DatasetManifest manifest) {
        if (!manifest.getSourceTopic().equals(topics.batches())) {
            throw new IllegalArgumentException("Manifest " + manifest.getManifestId() + " was selected from topic '"
                    + manifest.getSourceTopic() + "', but this replay reads '" + topics.batches() + "'");
        }
        Map<String, DatasetBatch> expected = new LinkedHashMap<>();
        manifest.getBatches().forEach(b -> expected.put(b.getPartition() + "@" + b.getOffset(), b));
        Map<String, SelectedBatch> found = new HashMap<>();
        List<String> problems = new ArrayList<>();
        try (SnapshotReader<TrainingBatch> reader = new SnapshotReader<>(clients, topics.batches(),
                topics.batchSerde().deserializer(), "clipstream-replay-resolve", stallTimeout)) {
            Map<Integer, Long> logStart = reader.beginningOffsets();
            Map<Integer, OffsetRange> ranges = new HashMap<>();
            for (DatasetPartitionRange range : manifest.getRanges()) {
                if (range.getStartOffset() == range.getEndOffset()) {
                    continue;
                }
                long start = logStart.getOrDefault(range.getPartition(), 0L);
                if (start > range.getStartOffset()) {
                    throw new ManifestResolutionException("Manifest " + manifest.getManifestId() + " needs "
                            + topics.batches() + "-" + range.getPartition() + " from offset " + range.getStartOffset()
                            + ", but the log now starts at " + start + " (retention deleted part of the dataset)");
                }
                ranges.put(range.getPartition(), new OffsetRange(range.getStartOffset(), range.getEndOffset()));
            }
            reader.read(ranges, record -> {
                DatasetBatch wanted = expected.get(record.partition() + "@" + record.offset());
                if (wanted == null || record.value() == null) {
                    return;
                }
                String batchId = record.value().getBatchId().toString();
                if (!batchId.equals(wanted.getBatchId().toString())) {
                    problems.add(record.partition() + "@" + record.offset() + " holds batch " + batchId
                            + " instead of " + wanted.getBatchId());
                    return;
                }
                found.put(record.partition() + "@" + record.offset(),
                        new SelectedBatch(record.partition(), record.offset(), record.key(), record.value()));
            });
        }
        List<SelectedBatch> batches = new ArrayList<>();
        expected.forEach((position, batch) -> {
            SelectedBatch selected = found.get(position);
            if (selected == null) {
                if (problems.stream().noneMatch(p -> p.startsWith(position + " "))) {
                    problems.add("batch " + batch.getBatchId() + " at " + position + " is missing or unreadable");
                }
            } else {
                batches.add(selected);
            }
        });
        if (!problems.isEmpty()) {
            throw new ManifestResolutionException("Manifest " + manifest.getManifestId() + " cannot be resolved "
                    + "exactly from " + topics.batches() + ": " + String.join("; ", problems.subList(0,
                    Math.min(5, problems.size()))) + (problems.size() > 5 ? " (+" + (problems.size() - 5) + " more)" : ""));
        }
        return batches;
    }
}
