package dev.clipstream.systemtests.faults;

import dev.clipstream.schemas.avro.TrainingBatch;
import dev.clipstream.schemas.topic.TopicCatalog;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Where the clips went, read_committed: batched (per campaign) or rejected. A clip counts as duplicated when it is
 * in two batches of one campaign, or batched and rejected. Undecodable records (the scenarios' own pills) are skipped.
 */
record ClipAccounting(List<TrainingBatch> batches, Set<String> rejected) {

    static ClipAccounting read(ClusterProbe cluster, TopicCatalog catalog) {
        List<TrainingBatch> batches = new ArrayList<>();
        String batchTopic = catalog.trainingBatches().name();
        for (ConsumerRecord<byte[], byte[]> record : cluster.readAll(batchTopic)) {
            try {
                batches.add(catalog.trainingBatches().valueSerde().deserializer().deserialize(batchTopic,
                        record.value()));
            } catch (RuntimeException e) {
                // a poison pill of a scenario
            }
        }
        Set<String> rejected = new HashSet<>();
        String rejectedTopic = catalog.clipsRejected().name();
        for (ConsumerRecord<byte[], byte[]> record : cluster.readAll(rejectedTopic)) {
            rejected.add(catalog.clipsRejected().valueSerde().deserializer().deserialize(rejectedTopic, record.value())
                    .getClip().getClipId().toString());
        }
        return new ClipAccounting(batches, rejected);
    }

    /** Clip ids in a batch or rejected. */
    Set<String> accountedFor() {
        Set<String> ids = new HashSet<>(rejected);
        batches.forEach(b -> b.getClips().forEach(c -> ids.add(c.getClip().getClipId().toString())));
        return ids;
    }

    /** Of {@code clipIds}: those that came out (batched or rejected). */
    Set<String> out(Set<String> clipIds) {
        Set<String> out = accountedFor();
        out.retainAll(clipIds);
        return out;
    }

    /** Of {@code clipIds}: those in two or more batches of one campaign, or batched and rejected. */
    Set<String> duplicated(Set<String> clipIds) {
        Map<String, Integer> batchedPerCampaign = new HashMap<>();
        Set<String> batched = new HashSet<>();
        Set<String> duplicated = new HashSet<>();
        for (TrainingBatch batch : batches) {
            batch.getClips().forEach(c -> {
                String clipId = c.getClip().getClipId().toString();
                batched.add(clipId);
                if (batchedPerCampaign.merge(batch.getCampaignId() + "/" + clipId, 1, Integer::sum) > 1) {
                    duplicated.add(clipId);
                }
            });
        }
        batched.stream().filter(rejected::contains).forEach(duplicated::add);
        duplicated.retainAll(clipIds);
        return duplicated;
    }
}
