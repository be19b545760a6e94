package dev.clipstream.replay.manifest;

import dev.clipstream.replay.ReplayClients;
import dev.clipstream.replay.ReplayTopics;
import dev.clipstream.schemas.avro.DatasetManifest;
import java.time.Duration;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * The compacted datasets topic as a store of manifests, keyed by manifest id ({@code <datasetId>@v<version>}), so
 * every version of a dataset survives compaction. Reads are a fresh snapshot each time: the topic is small.
 */
public final class ManifestStore {

    private static final Duration STALL_TIMEOUT = Duration.ofSeconds(30);

    private final ReplayClients clients;
    private final ReplayTopics topics;

    public ManifestStore(ReplayClients clients, ReplayTopics topics) {
        this.clients = clients;
        this.topics = topics;
    }

    /** Every stored manifest (the latest record per key; a tombstone deletes), by dataset id then version. */
    public List<DatasetManifest> all() {
        Map<String, DatasetManifest> latest = new LinkedHashMap<>();
        try (SnapshotReader<DatasetManifest> reader = new SnapshotReader<>(clients, topics.datasets(),
                topics.manifestSerde().deserializer(), "clipstream-replay-manifests", STALL_TIMEOUT)) {
            Map<Integer, Long> end = reader.endOffsets();
            Map<Integer, Long> start = reader.beginningOffsets();
            Map<Integer, OffsetRange> ranges = new HashMap<>();
            end.forEach((partition, offset) -> ranges.put(partition, new OffsetRange(start.get(partition), offset)));
            reader.read(ranges, record -> {
                if (record.value() == null) {
                    latest.remove(record.key());
                } else {
                    latest.put(record.key(), record.value());
                }
            });
        }
        return latest.values().stream()
                .sorted(Comparator.comparing(DatasetManifest::getDatasetId).thenComparingInt(DatasetManifest::getVersion))
                .toList();
    }

    public Optional<DatasetManifest> find(String manifestId) {
        return all().stream().filter(m -> m.getManifestId().equals(manifestId)).findFirst();
    }

    /** The highest version of a dataset, if any version exists. */
    public Optional<DatasetManifest> latestVersion(String datasetId) {
        return all().stream().filter(m -> m.getDatasetId().equals(datasetId))
                .max(Comparator.comparingInt(DatasetManifest::getVersion));
    }

    /** Writes a manifest and waits until the broker has it. */
    public void save(DatasetManifest manifest) {
        try (KafkaProducer<String, DatasetManifest> producer = new KafkaProducer<>(clients.manifestProducerConfig(),
                new StringSerializer(), topics.manifestSerde().serializer())) {
            producer.send(new ProducerRecord<>(topics.datasets(), manifest.getManifestId(), manifest))
                    .get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Could not store manifest " + manifest.getManifestId() + " on "
                    + topics.datasets() + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while storing manifest " + manifest.getManifestId(), e);
        }
    }
}
