package dev.clipstream.replay.selection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clipstream.replay.fixture.Batches;
import dev.clipstream.schemas.avro.BatchClip;
import dev.clipstream.schemas.avro.TimeOfDay;
import dev.clipstream.schemas.avro.Weather;
import org.junit.jupiter.api.Test;

class LabelFilterTest {

    private final BatchClip rainyNightTurn = Batches.batch("b", "c", 1, "unprotected_left_turn", Weather.RAIN,
            TimeOfDay.NIGHT, Batches.T0).getClips().get(0);

    @Test
    void parsesEachKindIntoItsCanonicalForm() {
        assertThat(LabelFilter.parse("scenario=unprotected_left_turn").canonical())
                .isEqualTo("scenario=unprotected_left_turn");
        assertThat(LabelFilter.parse("weather=rain").canonical()).isEqualTo("weather=RAIN");
        assertThat(LabelFilter.parse(" Time-Of-Day = night ").canonical()).isEqualTo("time-of-day=NIGHT");
    }

    @Test
    void matchesTheLabelsABatchClipCarries() {
        assertThat(LabelFilter.parse("scenario=unprotected_left_turn").matches(rainyNightTurn)).isTrue();
        assertThat(LabelFilter.parse("scenario=construction_zone").matches(rainyNightTurn)).isFalse();
        assertThat(LabelFilter.parse("weather=RAIN").matches(rainyNightTurn)).isTrue();
        assertThat(LabelFilter.parse("weather=SNOW").matches(rainyNightTurn)).isFalse();
        assertThat(LabelFilter.parse("time-of-day=NIGHT").matches(rainyNightTurn)).isTrue();
        assertThat(LabelFilter.parse("time-of-day=DAY").matches(rainyNightTurn)).isFalse();
    }

    @Test
    void rejectsBadFiltersNamingTheProblem() {
        assertThatThrownBy(() -> LabelFilter.parse("rain")).hasMessageContaining("'rain' is not <kind>=<value>");
        assertThatThrownBy(() -> LabelFilter.parse("mood=happy")).hasMessageContaining("Unknown label kind 'mood'");
        assertThatThrownBy(() -> LabelFilter.parse("weather=sunny"))
                .hasMessageContaining("Unknown Weather 'sunny'").hasMessageContaining("RAIN");
        assertThatThrownBy(() -> LabelFilter.parse("weather=UNKNOWN")).hasMessageContaining("Unknown Weather");
        assertThatThrownBy(() -> LabelFilter.parse("scenario=Left Turn")).hasMessageContaining("snake_case");
        assertThatThrownBy(() -> LabelFilter.parse("")).hasMessageContaining("empty");
    }
}
