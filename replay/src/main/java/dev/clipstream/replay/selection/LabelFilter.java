package dev.clipstream.replay.selection;

import dev.clipstream.schemas.avro.BatchClip;
import dev.clipstream.schemas.avro.LabelSet;
import dev.clipstream.schemas.avro.ScenarioTag;
import dev.clipstream.schemas.avro.TimeOfDay;
import dev.clipstream.schemas.avro.Weather;
import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;

/**
 * One condition on a clip's labels, as BatchClip carries them: a scenario tag, a weather condition or a time of
 * day. Written {@code scenario=<tag>}, {@code weather=<condition>} or {@code time-of-day=<period>}; the canonical
 * form (what manifests store and ids are derived from) has the kind in lower case and enum values in upper case.
 */
public record LabelFilter(Kind kind, String value) implements Comparable<LabelFilter> {

    public enum Kind {
        SCENARIO("scenario"), WEATHER("weather"), TIME_OF_DAY("time-of-day");

        private final String key;

        Kind(String key) {
            this.key = key;
        }

        public String key() {
            return key;
        }
    }

    public LabelFilter {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(value, "value");
    }

    /** Parses {@code kind=value}; throws IllegalArgumentException naming what is wrong. */
    public static LabelFilter parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("Label filter is empty; expected scenario=<tag>, weather=<condition>"
                    + " or time-of-day=<period>");
        }
        int equals = text.indexOf('=');
        if (equals <= 0 || equals == text.length() - 1) {
            throw new IllegalArgumentException("Label filter '" + text + "' is not <kind>=<value>; expected "
                    + "scenario=<tag>, weather=<condition> or time-of-day=<period>");
        }
        String kindText = text.substring(0, equals).trim().toLowerCase(Locale.ROOT);
        String value = text.substring(equals + 1).trim();
        return switch (kindText) {
            case "scenario" -> {
                if (!value.matches("[a-z0-9_]+")) {
                    throw new IllegalArgumentException("Scenario tag '" + value + "' in label filter '" + text
                            + "' must be snake_case (a-z, 0-9, _), e.g. unprotected_left_turn");
                }
                yield new LabelFilter(Kind.SCENARIO, value);
            }
            case "weather" -> new LabelFilter(Kind.WEATHER, symbol(text, value, Weather.class));
            case "time-of-day", "timeofday", "time_of_day" ->
                    new LabelFilter(Kind.TIME_OF_DAY, symbol(text, value, TimeOfDay.class));
            default -> throw new IllegalArgumentException("Unknown label kind '" + kindText + "' in label filter '"
                    + text + "'; known kinds: scenario, weather, time-of-day");
        };
    }

    private static <E extends Enum<E>> String symbol(String text, String value, Class<E> type) {
        String upper = value.toUpperCase(Locale.ROOT);
        boolean known = Arrays.stream(type.getEnumConstants())
                .anyMatch(constant -> constant.name().equals(upper) && !"UNKNOWN".equals(upper));
        if (!known) {
            throw new IllegalArgumentException("Unknown " + type.getSimpleName() + " '" + value + "' in label filter '"
                    + text + "'; known: " + Arrays.stream(type.getEnumConstants()).map(Enum::name)
                    .filter(name -> !"UNKNOWN".equals(name)).toList());
        }
        return upper;
    }

    /** True when the clip's labels carry this label (at any confidence: the labeler already chose the label). */
    public boolean matches(BatchClip clip) {
        LabelSet labels = clip.getLabels();
        return switch (kind) {
            case SCENARIO -> labels.getScenarios().stream().map(ScenarioTag::getTag).anyMatch(value::equals);
            case WEATHER -> labels.getWeather().getCondition().name().equals(value);
            case TIME_OF_DAY -> labels.getTimeOfDay().getPeriod().name().equals(value);
        };
    }

    public String canonical() {
        return kind.key() + "=" + value;
    }

    @Override
    public int compareTo(LabelFilter other) {
        return canonical().compareTo(other.canonical());
    }

    @Override
    public String toString() {
        return canonical();
    }
}
