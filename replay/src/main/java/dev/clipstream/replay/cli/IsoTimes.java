package dev.clipstream.replay.cli;

import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;

/** ISO-8601 instants for --from/--to: {@code 2026-11-28T21:00:00Z}, with an offset, or a date (midnight UTC). */
final class IsoTimes {

    private IsoTimes() {
    }

    static Instant parse(String option, String text) {
        try {
            return Instant.parse(text);
        } catch (DateTimeParseException notAnInstant) {
            try {
                return OffsetDateTime.parse(text).toInstant();
            } catch (DateTimeParseException notWithOffset) {
                try {
                    return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
                } catch (DateTimeParseException notADate) {
                    throw new IllegalArgumentException(option + " '" + text + "' is not an ISO-8601 time; use e.g. "
                            + "2026-11-28T21:00:00Z, 2026-11-28T22:00:00+01:00 or 2026-11-28 (midnight UTC)");
                }
            }
        }
    }
}
