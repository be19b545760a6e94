package dev.clipstream.replay.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clipstream.replay.DatasetReplay;
import dev.clipstream.replay.fixture.Batches;
import dev.clipstream.replay.fixture.ReplayTestbed;
import dev.clipstream.replay.manifest.Manifests;
import dev.clipstream.replay.manifest.SelectedBatch;
import dev.clipstream.replay.publish.PublishResult;
import dev.clipstream.replay.publish.ReplayBatches;
import dev.clipstream.replay.publish.ReplayProgressListener;
import dev.clipstream.replay.selection.BatchSelection;
import dev.clipstream.replay.selection.DatasetIds;
import dev.clipstream.schemas.avro.BatchOrigin;
import dev.clipstream.schemas.avro.DatasetManifest;
import dev.clipstream.schemas.avro.TimeOfDay;
import dev.clipstream.schemas.avro.TrainingBatch;
import dev.clipstream.schemas.avro.Weather;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** Replay against a real broker and registry: reproducible manifests, exactly-once republication across crashes. */
class ReplayIT {

    private final ReplayTestbed testbed = new ReplayTestbed();

    @Test
    void replayingTheSameManifestTwiceYieldsTheSameClipSet() {
        List<TrainingBatch> live = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            TimeOfDay period = i % 3 == 0 ? TimeOfDay.DAY : TimeOfDay.NIGHT;
            String campaign = i % 4 == 0 ? "snow" : "rain";
            live.add(Batches.batch("same-" + i, campaign, 3, "highway_merge", Weather.RAIN, period,
                    Batches.T0.plusSeconds(i)));
        }
        testbed.produce(live);
        BatchSelection selection = BatchSelection.of(List.of("rain"), List.of("time-of-day=NIGHT"), null, null);
        List<TrainingBatch> expected = live.stream().filter(selection::matches).toList();
        DatasetReplay replay = testbed.replay(4);

        DatasetReplay.Prepared prepared = replay.prepare(selection);
        DatasetManifest manifest = replay.store().find(prepared.manifest().orElseThrow().getManifestId()).orElseThrow();
        // Batches produced after the snapshot match the selection too, but belong to a later version.
        testbed.produce(List.of(Batches.batch("same-late", "rain", 3, "highway_merge", Weather.RAIN,
                TimeOfDay.NIGHT, Batches.T0)));

        List<TrainingBatch> first = replay.resolve(manifest).stream().map(SelectedBatch::batch).toList();
        List<TrainingBatch> second = replay.resolve(manifest).stream().map(SelectedBatch::batch).toList();

        assertThat(prepared.decision()).isEqualTo(DatasetReplay.Decision.CREATED);
        assertThat(manifest.getVersion()).isEqualTo(1);
        assertThat(ReplayTestbed.clipIds(first)).isEqualTo(ReplayTestbed.clipIds(second))
                .isEqualTo(ReplayTestbed.clipIds(expected)).hasSize(expected.size() * 3);
        assertThat(Manifests.batchIds(manifest)).containsExactlyInAnyOrderElementsOf(
                expected.stream().map(b -> b.getBatchId().toString()).toList());

        PublishResult published = replay.publish(prepared, ReplayProgressListener.NONE, () -> false);
        PublishResult again = replay.publish(manifest, ReplayProgressListener.NONE, () -> false);

        List<TrainingBatch> copies = replayCopies(testbed.readBatches("read_committed"));
        assertThat(published.published()).isEqualTo(expected.size());
        assertThat(again.published()).isZero();
        assertThat(again.alreadyPublished()).isEqualTo(expected.size());
        assertThat(copies).hasSize(expected.size());
        assertThat(ReplayTestbed.clipIds(copies)).isEqualTo(ReplayTestbed.clipIds(expected));
        assertThat(copies).allSatisfy(copy -> {
            assertThat(copy.getDatasetId()).isEqualTo(manifest.getDatasetId());
            assertThat(copy.getDatasetVersion()).isEqualTo(1);
        });

        // The same selection later: the late batch makes a new version, with its own batch ids.
        DatasetReplay.Prepared next = replay.prepare(selection);
        assertThat(next.decision()).isEqualTo(DatasetReplay.Decision.NEW_VERSION);
        assertThat(next.manifest().orElseThrow().getVersion()).isEqualTo(2);
        assertThat(next.manifest().orElseThrow().getTotals().getBatchCount()).isEqualTo(expected.size() + 1);
        assertThat(replay.store().all()).extracting(DatasetManifest::getManifestId)
                .containsExactly(manifest.getManifestId(), next.manifest().orElseThrow().getManifestId());
    }

    @Test
    void interruptedReplayResumesWithoutDuplicates() {
        List<TrainingBatch> live = new ArrayList<>();
        for (int i = 0; i < 23; i++) {
            live.add(Batches.batch("resume-" + i, "resume", 2, i));
        }
        testbed.produce(live);
        BatchSelection selection = BatchSelection.of(List.of("resume"), List.of(), null, null);
        DatasetReplay replay = testbed.replay(5);
        DatasetReplay.Prepared prepared = replay.prepare(selection);
        DatasetManifest manifest = prepared.manifest().orElseThrow();

        // A crash in the third transaction: two transactions (10 batches) are committed, two sends are not.
        ReplayProgressListener crashAfter12 = new ReplayProgressListener() {
            @Override
            public void sent(int done, int total, long clipsDone) {
                if (done == 12) {
                    throw new IllegalStateException("simulated crash");
                }
            }
        };
        assertThatThrownBy(() -> replay.publish(prepared, crashAfter12, () -> false))
                .hasMessage("simulated crash");
        // A zombie of the crashed run holds a transaction open with a copy it will never commit.
        KafkaProducer<String, TrainingBatch> zombie = new KafkaProducer<>(
                testbed.clients.transactionalProducerConfig(DatasetIds.transactionalId(manifest.getManifestId())),
                new StringSerializer(), testbed.topics.batchSerde().serializer());
        zombie.initTransactions();
        zombie.beginTransaction();
        TrainingBatch zombieCopy = ReplayBatches.copyFor(manifest, live.get(15));
        zombie.send(new ProducerRecord<>(testbed.topics.batches(), "resume", zombieCopy));
        zombie.flush();

        DatasetReplay.Prepared rerun = replay.prepare(selection);
        PublishResult resumed = replay.publish(rerun, ReplayProgressListener.NONE, () -> false);
        zombie.close(Duration.ZERO);

        assertThat(rerun.decision()).isEqualTo(DatasetReplay.Decision.RESUMING);
        assertThat(rerun.manifest().orElseThrow().getManifestId()).isEqualTo(manifest.getManifestId());
        assertThat(resumed.alreadyPublished()).isEqualTo(10);
        assertThat(resumed.published()).isEqualTo(13);
        List<TrainingBatch> copies = replayCopies(testbed.readBatches("read_committed"));
        Set<String> expectedIds = live.stream().map(b -> DatasetIds.replayBatchId(manifest.getManifestId(),
                b.getBatchId().toString()).toString()).collect(Collectors.toSet());
        assertThat(copies).hasSize(23);
        assertThat(copies.stream().map(b -> b.getBatchId().toString())).doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(expectedIds);
        // The zombie's aborted copy is in the log: read_uncommitted sees it, read_committed does not.
        assertThat(replayCopies(testbed.readBatches("read_uncommitted"))).hasSizeGreaterThan(23);
    }

    @Test
    void stopRequestEndsAfterACommittedTransactionAndARerunCompletes() {
        List<TrainingBatch> live = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            live.add(Batches.batch("stop-" + i, "stop", 1, i));
        }
        testbed.produce(live);
        DatasetReplay replay = testbed.replay(3);
        DatasetReplay.Prepared prepared = replay.prepare(BatchSelection.of(List.of("stop"), List.of(), null, null));
        int[] commits = {0};
        ReplayProgressListener countCommits = new ReplayProgressListener() {
            @Override
            public void committed(int done, int total) {
                commits[0]++;
            }
        };

        PublishResult stopped = replay.publish(prepared, countCommits, () -> commits[0] >= 1);
        PublishResult rest = replay.publish(prepared.manifest().orElseThrow(), ReplayProgressListener.NONE,
                () -> false);

        assertThat(stopped.stopped()).isTrue();
        assertThat(stopped.published()).isEqualTo(3);
        assertThat(rest.alreadyPublished()).isEqualTo(3);
        assertThat(rest.published()).isEqualTo(6);
        assertThat(rest.complete()).isTrue();
        assertThat(replayCopies(testbed.readBatches("read_committed"))).hasSize(9);
    }

    private static List<TrainingBatch> replayCopies(List<ConsumerRecord<String, TrainingBatch>> records) {
        return records.stream().map(ConsumerRecord::value).filter(b -> b.getOrigin() == BatchOrigin.REPLAY).toList();
    }
}
