package dev.clipstream.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class ClipAccountingTest {

    private static final Instant NOW = Instant.parse("2026-11-29T06:00:00Z");
    private static final Duration LIMIT = Duration.ofSeconds(20);
    /** Labeling has committed offset 10 on partition 0 and nothing on partition 1. */
    private static final LabelingProgress READ_UP_TO_10 = new LabelingProgress(Map.of(0, 10L), 0);

    private final ClipAccounting accounting = new ClipAccounting(LIMIT);

    @Test
    void everyPlaceIsCountedOnce() {
        List<ClipFacts> clips = List.of(
                clip("batched", 0, 1, null, NOW.minusSeconds(60), 1),
                clip("batched-twice", 0, 2, null, NOW.minusSeconds(60), 2),
                clip("dup", 0, 3, "DUPLICATE", null, 0),
                clip("no-campaign", 0, 4, "NO_ACTIVE_CAMPAIGN", null, 0),
                clip("no-campaign-2", 0, 5, "NO_ACTIVE_CAMPAIGN", null, 0),
                clip("unread", 0, 10, null, null, 0),
                clip("unread-other-partition", 1, 0, null, null, 0),
                clip("open-batch", 0, 6, null, NOW.minusSeconds(5), 0));

        ClipAccount account = accounting.account(clips, Set.of("batched", "dup"), READ_UP_TO_10, NOW);

        assertThat(account.accepted()).isEqualTo(8);
        assertThat(account.batched()).isEqualTo(2);
        assertThat(account.rejectedByReason()).containsExactlyInAnyOrderEntriesOf(
                Map.of("DUPLICATE", 1L, "NO_ACTIVE_CAMPAIGN", 2L));
        assertThat(account.waitingForLabeling()).isEqualTo(2);
        assertThat(account.inOpenBatch()).isEqualTo(1);
        assertThat(account.inLabeling()).isZero();
        assertThat(account.unaccounted()).isZero();
        assertThat(account.inFlight()).isEqualTo(3);
        assertThat(account.balances()).isTrue();
    }

    @Test
    void aClipReadByLabelingWithoutOutputIsLostOnceLabelingHasNothingLeftToRead() {
        List<ClipFacts> clips = List.of(clip("vanished", 0, 3, null, null, 0));

        ClipAccount busy = accounting.account(clips, Set.of(), new LabelingProgress(Map.of(0, 10L), 4), NOW);
        assertThat(busy.inLabeling()).isEqualTo(1);
        assertThat(busy.unaccounted()).isZero();

        ClipAccount idle = accounting.account(clips, Set.of(), READ_UP_TO_10, NOW);
        assertThat(idle.unaccounted()).isEqualTo(1);
        assertThat(idle.unaccountedSample()).singleElement().asString().contains("vanished");
        assertThat(idle.balances()).isTrue();
    }

    @Test
    void aLabeledClipNeverBatchedIsLostAfterTheOpenBatchLimit() {
        ClipAccount account = accounting.account(List.of(
                clip("young", 0, 1, null, NOW.minus(LIMIT), 0),
                clip("old", 0, 2, null, NOW.minus(LIMIT).minusMillis(1), 0)), Set.of(), READ_UP_TO_10, NOW);

        assertThat(account.inOpenBatch()).isEqualTo(1);
        assertThat(account.unaccounted()).isEqualTo(1);
        assertThat(account.unaccountedSample()).singleElement().asString().startsWith("old");
    }

    @Test
    void aLabeledClipIsStillInsideLabelingWhileTheBatcherHasRecordsToRead() {
        ClipFacts old = clip("old", 0, 2, null, NOW.minus(LIMIT).minusSeconds(60), 0);

        ClipAccount behind = accounting.account(List.of(old), Set.of(), new LabelingProgress(Map.of(0, 10L), 300),
                NOW);
        assertThat(behind.inLabeling()).isEqualTo(1);
        assertThat(behind.unaccounted()).isZero();

        assertThat(accounting.account(List.of(old), Set.of(), READ_UP_TO_10, NOW).unaccounted()).isEqualTo(1);
    }

    @Test
    void aClipIngestAcceptedButMissingFromTheTopicIsUnaccounted() {
        ClipAccount account = accounting.account(List.of(clip("on-topic", 0, 1, "DUPLICATE", null, 0)),
                Set.of("on-topic", "missing"), READ_UP_TO_10, NOW);

        assertThat(account.accepted()).isEqualTo(2);
        assertThat(account.unaccounted()).isEqualTo(1);
        assertThat(account.unaccountedSample()).singleElement().asString().contains("missing")
                .contains("not on clips.uploaded");
        assertThat(account.balances()).isTrue();
    }

    @Test
    void batchedAndRejectedCountsAsBatchedAndIsFlaggedInconsistent() {
        ClipAccount account = accounting.account(List.of(clip("both", 0, 1, "DUPLICATE", NOW, 1)), Set.of(),
                READ_UP_TO_10, NOW);

        assertThat(account.batched()).isEqualTo(1);
        assertThat(account.rejected()).isZero();
        assertThat(account.inconsistent()).isEqualTo(1);
    }

    /** Seeded random clips: the places always add up, and each count matches a direct recount. */
    @ParameterizedTest(name = "seed {0}")
    @MethodSource("seeds")
    void placesAlwaysAddUpToTheAcceptedClips(long seed) {
        Random random = new Random(seed);
        List<ClipFacts> clips = new ArrayList<>();
        Map<Integer, Long> committed = new HashMap<>();
        for (int p = 0; p < 3; p++) {
            if (random.nextBoolean()) {
                committed.put(p, (long) random.nextInt(50));
            }
        }
        LabelingProgress progress = new LabelingProgress(committed, random.nextInt(3));
        Set<String> created = new HashSet<>();
        long expectedBatched = 0;
        long expectedRejected = 0;
        for (int i = 0; i < 200; i++) {
            String reason = random.nextInt(4) == 0 ? "NO_ACTIVE_CAMPAIGN" : null;
            Instant labeledAt = random.nextBoolean() ? NOW.minusSeconds(random.nextInt(60)) : null;
            int batches = random.nextInt(5) == 0 ? 1 + random.nextInt(2) : 0;
            ClipFacts clip = clip("c" + i, random.nextInt(3), random.nextInt(50), reason, labeledAt, batches);
            clips.add(clip);
            expectedBatched += batches > 0 ? 1 : 0;
            expectedRejected += batches == 0 && reason != null ? 1 : 0;
            if (random.nextBoolean()) {
                created.add(clip.clipId());
            }
        }
        int missing = random.nextInt(3);
        for (int i = 0; i < missing; i++) {
            created.add("missing-" + i);
        }

        ClipAccount account = accounting.account(clips, created, progress, NOW);

        String replay = " (seed " + seed + "; replay with -Ddemo.accounting.seed=" + seed + ")";
        assertThat(account.balances()).as("balances" + replay).isTrue();
        assertThat(account.accepted()).as("accepted" + replay).isEqualTo(clips.size() + missing);
        assertThat(account.batched()).as("batched" + replay).isEqualTo(expectedBatched);
        assertThat(account.rejected()).as("rejected" + replay).isEqualTo(expectedRejected);
        assertThat(account.unaccounted()).as("unaccounted" + replay).isGreaterThanOrEqualTo(missing);
    }

    static Stream<Long> seeds() {
        String replay = System.getProperty("demo.accounting.seed");
        if (replay != null) {
            return Stream.of(Long.parseLong(replay));
        }
        long base = new Random().nextLong();
        return LongStream.range(0, 20).mapToObj(i -> base + i);
    }

    private static ClipFacts clip(String id, int partition, long offset, String reason, Instant labeledAt,
                                  int batches) {
        return new ClipFacts(id, partition, offset, reason, labeledAt, batches);
    }
}
