package dev.clipstream.replay.manifest;

import dev.clipstream.replay.selection.DatasetIds;
import dev.clipstream.schemas.avro.DatasetBatch;
import dev.clipstream.schemas.avro.DatasetManifest;
import dev.clipstream.schemas.avro.DatasetPartitionRange;
import dev.clipstream.schemas.avro.DatasetTotals;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Builds a manifest from a snapshot, and compares manifests by what they select. */
public final class Manifests {

    private Manifests() {
    }

    public static DatasetManifest build(SelectionSnapshot snapshot, int version, Instant createdAt) {
        String datasetId = DatasetIds.datasetId(snapshot.selection());
        Map<Integer, long[]> selectedRange = new TreeMap<>();
        List<DatasetBatch> batches = new ArrayList<>();
        long clips = 0;
        long bytes = 0;
        double seconds = 0;
        for (SelectedBatch selected : snapshot.batches()) {
            batches.add(DatasetBatch.newBuilder()
                    .setBatchId(selected.batch().getBatchId())
                    .setPartition(selected.partition())
                    .setOffset(selected.offset())
                    .setCampaignId(selected.batch().getCampaignId())
                    .setClipCount(selected.batch().getClips().size())
                    .build());
            selectedRange.merge(selected.partition(), new long[] {selected.offset(), selected.offset() + 1},
                    (a, b) -> new long[] {Math.min(a[0], b[0]), Math.max(a[1], b[1])});
            clips += selected.batch().getClips().size();
            bytes += selected.batch().getTotals().getTotalBytes();
            seconds += selected.batch().getTotals().getTotalVideoSeconds();
        }
        List<DatasetPartitionRange> ranges = new ArrayList<>();
        new TreeMap<>(snapshot.endOffsets()).forEach((partition, end) -> {
            long[] range = selectedRange.getOrDefault(partition, new long[] {end, end});
            ranges.add(DatasetPartitionRange.newBuilder()
                    .setPartition(partition)
                    .setStartOffset(range[0])
                    .setEndOffset(range[1])
                    .setSnapshotEndOffset(end)
                    .build());
        });
        return DatasetManifest.newBuilder()
                .setManifestId(DatasetIds.manifestId(datasetId, version))
                .setDatasetId(datasetId)
                .setVersion(version)
                .setSourceTopic(snapshot.topic())
                .setSelection(snapshot.selection().toAvro())
                .setRanges(ranges)
                .setBatches(batches)
                .setTotals(DatasetTotals.newBuilder()
                        .setBatchCount(batches.size())
                        .setClipCount(clips)
                        .setTotalBytes(bytes)
                        .setTotalVideoSeconds(seconds)
                        .build())
                .setCreatedAt(createdAt)
                .build();
    }

    /** The original batch ids of a manifest, in manifest order. */
    public static List<String> batchIds(DatasetManifest manifest) {
        return manifest.getBatches().stream().map(b -> b.getBatchId().toString()).toList();
    }

    /** True when a snapshot selects exactly the batches the manifest holds (so no new version is needed). */
    public static boolean selectsSameBatches(DatasetManifest manifest, SelectionSnapshot snapshot) {
        return batchIds(manifest).equals(snapshot.batches().stream().map(SelectedBatch::batchId).toList());
    }
}
