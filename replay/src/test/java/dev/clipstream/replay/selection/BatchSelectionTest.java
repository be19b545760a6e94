package dev.clipstream.replay.selection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clipstream.replay.fixture.Batches;
import dev.clipstream.schemas.avro.BatchClip;
import dev.clipstream.schemas.avro.BatchOrigin;
import dev.clipstream.schemas.avro.TimeOfDay;
import dev.clipstream.schemas.avro.TrainingBatch;
import dev.clipstream.schemas.avro.Weather;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class BatchSelectionTest {

    private static final Instant NOON = Instant.parse("2026-11-28T12:00:00Z");

    private final TrainingBatch rainNight = Batches.batch("a", "rain", 2, "highway_merge", Weather.RAIN,
            TimeOfDay.NIGHT, NOON);

    @Test
    void campaignFilterTakesOnlyTheNamedCampaigns() {
        assertThat(BatchSelection.of(List.of("rain"), List.of(), null, null).matches(rainNight)).isTrue();
        assertThat(BatchSelection.of(List.of("snow", "rain"), List.of(), null, null).matches(rainNight)).isTrue();
        assertThat(BatchSelection.of(List.of("snow"), List.of(), null, null).matches(rainNight)).isFalse();
        assertThat(BatchSelection.everything().matches(rainNight)).isTrue();
    }

    @Test
    void timeRangeIsInclusiveFromAndExclusiveTo() {
        assertThat(BatchSelection.of(List.of(), List.of(), NOON, null).matches(rainNight)).isTrue();
        assertThat(BatchSelection.of(List.of(), List.of(), null, NOON).matches(rainNight)).isFalse();
        assertThat(BatchSelection.of(List.of(), List.of(), NOON.minusSeconds(1), NOON.plusSeconds(1))
                .matches(rainNight)).isTrue();
        assertThat(BatchSelection.of(List.of(), List.of(), NOON.plusMillis(1), null).matches(rainNight)).isFalse();
    }

    @Test
    void allLabelFiltersMustHoldForOneAndTheSameClip() {
        // Clip 0 is a rainy night, clip 1 a clear day: "RAIN and DAY" holds for the batch but for no single clip.
        TrainingBatch mixed = TrainingBatch.newBuilder(rainNight).setClips(new ArrayList<>(List.of(
                rainNight.getClips().get(0),
                Batches.batch("d", "rain", 1, "highway_merge", Weather.CLEAR, TimeOfDay.DAY, NOON).getClips().get(0))))
                .build();
        assertThat(BatchSelection.of(List.of(), List.of("weather=RAIN", "time-of-day=NIGHT"), null, null)
                .matches(mixed)).isTrue();
        assertThat(BatchSelection.of(List.of(), List.of("weather=CLEAR"), null, null).matches(mixed)).isTrue();
        assertThat(BatchSelection.of(List.of(), List.of("weather=RAIN", "time-of-day=DAY"), null, null)
                .matches(mixed)).isFalse();
    }

    @Test
    void replayedBatchesAreNeverSelectedAgain() {
        TrainingBatch replayed = TrainingBatch.newBuilder(rainNight).setOrigin(BatchOrigin.REPLAY).build();
        assertThat(BatchSelection.everything().matches(replayed)).isFalse();
    }

    @Test
    void canonicalFormIgnoresOptionOrderAndSpelling() {
        BatchSelection one = BatchSelection.of(List.of("b", "a"), List.of("weather=rain", "scenario=x"), NOON, null);
        BatchSelection two = BatchSelection.of(List.of("a", "b"), List.of("scenario=x", "WEATHER=RAIN"), NOON, null);
        assertThat(one.canonical()).isEqualTo(two.canonical())
                .isEqualTo("campaigns=a,b;labels=scenario=x,weather=RAIN;from=2026-11-28T12:00:00Z;to=");
        assertThat(one).isEqualTo(two);
    }

    @Test
    void avroFormRoundTrips() {
        BatchSelection selection = BatchSelection.of(List.of("rain"), List.of("time-of-day=NIGHT"), NOON,
                NOON.plusSeconds(3600));
        assertThat(BatchSelection.fromAvro(selection.toAvro())).isEqualTo(selection);
        assertThat(BatchSelection.fromAvro(BatchSelection.everything().toAvro())).isEqualTo(BatchSelection.everything());
    }

    @Test
    void rejectsAnEmptyTimeRange() {
        assertThatThrownBy(() -> BatchSelection.of(List.of(), List.of(), NOON, NOON))
                .hasMessageContaining("Time range is empty");
    }

    @Test
    void clipListIsUsedNotTheBatchLevelFields() {
        BatchClip clip = rainNight.getClips().get(0);
        assertThat(LabelFilter.parse("scenario=highway_merge").matches(clip)).isTrue();
    }
}
