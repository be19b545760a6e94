package dev.clipstream.lag.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.clipstream.lag.compute.PipelineUnits;
import dev.clipstream.lag.model.GroupLag;
import dev.clipstream.lag.model.UnitLag;
import dev.clipstream.lag.monitor.LagEngine;
import dev.clipstream.lag.monitor.LagSettings;
import dev.clipstream.schemas.avro.BatchTotals;
import dev.clipstream.schemas.avro.ClipUploaded;
import dev.clipstream.schemas.avro.TrainingBatch;
import dev.clipstream.schemas.fixture.SampleRecords;
import dev.clipstream.schemas.serde.SerdeSettings;
import dev.clipstream.schemas.topic.TopicCatalog;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.Serializer;
import org.junit.jupiter.api.Test;

/** Lag in pipeline units: clips and seconds/bytes of video, decoded through the catalog's serdes. */
class LagUnitsIT {

    private final KafkaFixture kafka = new KafkaFixture();
    private final TopicCatalog catalog = TopicCatalog.create(new SerdeSettings(kafka.stack.schemaRegistryUrl(), true));

    private <V> void produce(String topic, Serializer<V> serializer, List<V> values) {
        try (KafkaProducer<byte[], byte[]> producer = kafka.producer(null)) {
            for (V value : values) {
                producer.send(new ProducerRecord<>(topic, 0, null, serializer.serialize(topic, value)));
            }
            producer.flush();
        }
    }

    private static ClipUploaded clip(long durationMillis, long bytes) {
        ClipUploaded clip = SampleRecords.clipUploaded();
        clip.setDurationMillis(durationMillis);
        clip.setByteSize(bytes);
        return clip;
    }

    @Test
    void clipsAndVideoBehindAreExactWithinTheScanLimitAndAnEstimateBeyond() {
        String clips = kafka.topic("lag-units-clips", 1);
        String batches = kafka.topic("lag-units-batches", 1);
        String group = KafkaFixture.group("units");
        Serializer<ClipUploaded> clipSerializer = catalog.clipsUploaded().valueSerde().serializer();
        produce(clips, clipSerializer, List.of(clip(10_000, 1000), clip(10_000, 1000), clip(20_000, 3000),
                clip(30_000, 5000), clip(40_000, 7000), clip(50_000, 9000)));
        TrainingBatch batch = SampleRecords.trainingBatch();
        batch.setTotals(new BatchTotals(40, 1_000_000L, 400.0));
        produce(batches, catalog.trainingBatches().valueSerde().serializer(), List.of(batch, batch, batch));
        kafka.commit(group, Map.of(new TopicPartition(clips, 0), 2L, new TopicPartition(batches, 0), 1L));

        PipelineUnits units = PipelineUnits.fromCatalog(catalog).map(clips, PipelineUnits.Kind.CLIPS)
                .map(batches, PipelineUnits.Kind.BATCHES);
        LagSettings exact = LagSettings.defaults().withPipelineGroups(false).withGroups(List.of(group));
        try (LagEngine engine = LagEngine.create(exact, kafka.stack.bootstrapServers(), Map.of(), units)) {
            GroupLag lag = engine.evaluate().group(group).orElseThrow();
            UnitLag clipUnits = partitionUnits(lag, clips);
            assertThat(clipUnits.clips()).isEqualTo(4);
            assertThat(clipUnits.videoSeconds()).isCloseTo(140.0, within(0.001));
            assertThat(clipUnits.videoBytes()).isEqualTo(24_000);
            assertThat(clipUnits.estimate()).isFalse();
            UnitLag batchUnits = partitionUnits(lag, batches);
            assertThat(batchUnits.clips()).isEqualTo(80);
            assertThat(batchUnits.videoSeconds()).isCloseTo(800.0, within(0.001));
            assertThat(batchUnits.videoBytes()).isEqualTo(2_000_000L);
            assertThat(lag.units().clips()).isEqualTo(84);

            long readOnce = engine.recordsRead();
            engine.evaluate();
            assertThat(engine.recordsRead()).as("second evaluation served from the cache").isEqualTo(readOnce);
        }

        try (LagEngine bounded = LagEngine.create(exact.withMaxScanRecords(2), kafka.stack.bootstrapServers(),
                Map.of(), units)) {
            UnitLag estimate = partitionUnits(bounded.evaluate().group(group).orElseThrow(), clips);
            assertThat(estimate.estimate()).isTrue();
            assertThat(estimate.recordsScanned()).isEqualTo(2);
            // First two unconsumed clips: 20 s + 30 s over 2 records, scaled to the 4 records behind.
            assertThat(estimate.clips()).isEqualTo(4);
            assertThat(estimate.videoSeconds()).isCloseTo(100.0, within(0.001));
        }
    }

    private static UnitLag partitionUnits(GroupLag lag, String topic) {
        return lag.partitions().stream().filter(p -> p.topic().equals(topic)).findFirst().orElseThrow().units();
    }
}
