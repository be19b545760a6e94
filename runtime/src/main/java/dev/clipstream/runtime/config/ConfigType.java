package dev.clipstream.runtime.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The type of a declared key: how its text is parsed and what a reader of an error message should have written. */
public enum ConfigType {

    STRING("a string") {
        @Override
        Object parse(String text) {
            return text;
        }
    },
    INT("an integer") {
        @Override
        Object parse(String text) {
            return Integer.valueOf(text);
        }
    },
    LONG("a long integer") {
        @Override
        Object parse(String text) {
            return Long.valueOf(text);
        }
    },
    DOUBLE("a decimal number") {
        @Override
        Object parse(String text) {
            return Double.valueOf(text);
        }
    },
    BOOLEAN("true or false") {
        @Override
        Object parse(String text) {
            // Boolean.parseBoolean would silently read "yes" or "ture" as false.
            return switch (text.toLowerCase(Locale.ROOT)) {
                case "true" -> Boolean.TRUE;
                case "false" -> Boolean.FALSE;
                default -> throw new IllegalArgumentException("not a boolean");
            };
        }
    },
    DURATION("a duration such as 500ms, 30s, 5m, 1h or PT30S") {
        private final Pattern simple = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

        @Override
        Object parse(String text) {
            Matcher matcher = simple.matcher(text.toLowerCase(Locale.ROOT));
            if (matcher.matches()) {
                long amount = Long.parseLong(matcher.group(1));
                return switch (matcher.group(2)) {
                    case "ms" -> Duration.ofMillis(amount);
                    case "s" -> Duration.ofSeconds(amount);
                    case "m" -> Duration.ofMinutes(amount);
                    case "h" -> Duration.ofHours(amount);
                    default -> Duration.ofDays(amount);
                };
            }
            try {
                return Duration.parse(text);
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("not a duration", e);
            }
        }
    },
    LIST("a comma-separated list") {
        @Override
        Object parse(String text) {
            return Arrays.stream(text.split(","))
                    .map(String::trim)
                    .filter(item -> !item.isEmpty())
                    .toList();
        }
    };

    private final String expected;

    ConfigType(String expected) {
        this.expected = expected;
    }

    /** What a valid value looks like, for error messages. */
    public String expected() {
        return expected;
    }

    /**
     * Parses trimmed text.
     *
     * @throws IllegalArgumentException (or NumberFormatException) when the text is not of this type
     */
    abstract Object parse(String text);

    /** The Java type {@link #parse} returns, used to check typed getters. */
    Class<?> javaType() {
        return switch (this) {
            case STRING -> String.class;
            case INT -> Integer.class;
            case LONG -> Long.class;
            case DOUBLE -> Double.class;
            case BOOLEAN -> Boolean.class;
            case DURATION -> Duration.class;
            case LIST -> List.class;
        };
    }
}
