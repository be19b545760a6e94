package dev.clipstream.labeling.topology;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clipstream.labeling.batch.BatchIds;
import dev.clipstream.labeling.config.BatchLimits;
import dev.clipstream.labeling.config.LabelingSettings;
import dev.clipstream.schemas.avro.BatchCloseReason;
import dev.clipstream.schemas.avro.ClipUploaded;
import dev.clipstream.schemas.avro.TrainingBatch;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

/** Batches close at N clips, B bytes or T seconds (wall clock), never hold a clip twice, have stable ids. */
class BatchingTopologyTest {

    private static LabelingSettings limits(int clips, long bytes, Duration age) {
        return LabelingSettings.defaults().withBatch(new BatchLimits(clips, bytes, age, Duration.ofSeconds(1)))
                .withDuplicateWindow(Duration.ofMinutes(1));
    }

    @Test
    void aBatchClosesAtTheClipCountKeyedByBatchIdWithTotals() {
        try (LabelingDriver driver = new LabelingDriver(limits(3, Long.MAX_VALUE, Duration.ofHours(1)))) {
            driver.campaign(Clips.catchAll("c", 1_000).build());
            List<ClipUploaded> clips = new ArrayList<>();
            for (int i = 0; i < 7; i++) {
                clips.add(Clips.valid().setDurationMillis(10_000 + i * 1_000L)
                        .setCaptureEnd(Clips.valid().build().getCaptureStart().plusMillis(10_000 + i * 1_000L))
                        .build());
            }
            clips.forEach(driver::upload);

            List<TestRecord<String, TrainingBatch>> batches = driver.batches().readRecordsToList();
            assertThat(batches).hasSize(2);
            TrainingBatch first = batches.get(0).value();
            assertThat(batches.get(0).key()).isEqualTo(first.getBatchId().toString());
            assertThat(first.getCloseReason()).isEqualTo(BatchCloseReason.CLIP_COUNT_REACHED);
            assertThat(first.getClips()).extracting(c -> c.getClip().getClipId())
                    .containsExactly(clips.get(0).getClipId(), clips.get(1).getClipId(), clips.get(2).getClipId());
            assertThat(first.getTotals().getClipCount()).isEqualTo(3);
            assertThat(first.getTotals().getTotalBytes()).isEqualTo(6_000_000L);
            assertThat(first.getTotals().getTotalVideoSeconds()).isEqualTo(33.0);
            assertThat(first.getDatasetId()).isEqualTo("c");
            assertThat(first.getDatasetVersion()).isEqualTo(1);
            assertThat(first.getBatchId()).isEqualTo(BatchIds.of("c", clips.subList(0, 3).stream()
                    .map(c -> c.getClipId().toString()).toList()));
            assertThat(batches.get(1).value().getClips()).extracting(c -> c.getClip().getClipId())
                    .containsExactly(clips.get(3).getClipId(), clips.get(4).getClipId(), clips.get(5).getClipId());
        }
    }

    @Test
    void aBatchClosesAtTheByteLimit() {
        try (LabelingDriver driver = new LabelingDriver(limits(100, 5_000_000L, Duration.ofHours(1)))) {
            driver.campaign(Clips.catchAll("c", 1_000).build());
            for (int i = 0; i < 3; i++) {
                driver.upload(Clips.valid().build());
            }

            TrainingBatch batch = driver.batches().readValue();
            assertThat(batch.getCloseReason()).isEqualTo(BatchCloseReason.BYTE_LIMIT_REACHED);
            assertThat(batch.getTotals().getTotalBytes()).isEqualTo(6_000_000L);
            assertThat(driver.batches().isEmpty()).isTrue();
        }
    }

    @Test
    void aBatchClosesByWallClockAfterItsFirstClipWithoutNewRecords() {
        try (LabelingDriver driver = new LabelingDriver(limits(100, Long.MAX_VALUE, Duration.ofSeconds(30)))) {
            driver.campaign(Clips.catchAll("c", 1_000).build());
            driver.upload(Clips.valid().build());
            driver.advanceWallClock(Duration.ofSeconds(20));
            driver.upload(Clips.valid().build());
            driver.advanceWallClock(Duration.ofSeconds(9));
            assertThat(driver.batches().isEmpty()).isTrue();

            driver.advanceWallClock(Duration.ofSeconds(1));

            TrainingBatch batch = driver.batches().readValue();
            assertThat(batch.getCloseReason()).isEqualTo(BatchCloseReason.WINDOW_EXPIRED);
            assertThat(batch.getClips()).hasSize(2);
            assertThat(batch.getCreatedAt()).isEqualTo(LabelingDriver.START.plusSeconds(30));

            driver.advanceWallClock(Duration.ofMinutes(5));
            assertThat(driver.batches().isEmpty()).isTrue();
        }
    }

    @Test
    void aClipIsNeverInTwoBatchesOfACampaignEvenWhenItPassesTheFiltersAgain() {
        try (LabelingDriver driver = new LabelingDriver(limits(2, Long.MAX_VALUE, Duration.ofHours(1)))) {
            driver.campaign(Clips.catchAll("c", 1_000).build());
            ClipUploaded clip = Clips.valid().build();
            driver.uploadAt(clip, LabelingDriver.START);
            // Past the duplicate window, so only the batcher's membership check stands between it and a batch.
            driver.uploadAt(clip, LabelingDriver.START.plus(Duration.ofMinutes(5)));
            driver.uploadAt(Clips.valid().build(), LabelingDriver.START.plus(Duration.ofMinutes(6)));

            List<TrainingBatch> batches = driver.batches().readValuesToList();
            assertThat(batches).singleElement().satisfies(batch -> assertThat(batch.getClips())
                    .extracting(c -> c.getClip().getClipId()).doesNotHaveDuplicates().contains(clip.getClipId()));
            assertThat(driver.rejected().isEmpty()).isTrue();
        }
    }

    @Test
    void theSameInputReplayedGivesTheSameBatchIds() {
        List<ClipUploaded> clips = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            clips.add(Clips.valid().build());
        }
        List<UUID> firstRun = batchIds(clips);
        List<UUID> replay = batchIds(clips);

        assertThat(firstRun).hasSize(2).doesNotHaveDuplicates();
        assertThat(replay).isEqualTo(firstRun);
    }

    private static List<UUID> batchIds(List<ClipUploaded> clips) {
        try (LabelingDriver driver = new LabelingDriver(limits(2, Long.MAX_VALUE, Duration.ofHours(1)))) {
            driver.campaign(Clips.catchAll("c", 1_000).build());
            clips.forEach(driver::upload);
            return driver.batches().readValuesToList().stream().map(TrainingBatch::getBatchId).toList();
        }
    }
}
