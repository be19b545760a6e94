package dev.clipstream.ingest.validation;

import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/** The shapes of the ids in upload paths; anything else (path characters, absurd lengths) is refused. */
public final class ClipIds {

    private static final Pattern VEHICLE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");
    private static final Pattern CANONICAL_UUID =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private ClipIds() {
    }

    public static boolean isVehicleId(String text) {
        return text != null && VEHICLE_ID.matcher(text).matches();
    }

    /** A canonical lower-case UUID, or empty. */
    public static Optional<UUID> clipId(String text) {
        if (text == null || !CANONICAL_UUID.matcher(text).matches()) {
            return Optional.empty();
        }
        return Optional.of(UUID.fromString(text));
    }

    /** The id as it may appear in a message: shortened and with control characters replaced. */
    public static String shown(String text) {
        if (text == null) {
            return "(none)";
        }
        String cut = text.length() > 80 ? text.substring(0, 80) + "..." : text;
        StringBuilder safe = new StringBuilder(cut.length());
        cut.codePoints().forEach(c -> safe.appendCodePoint(Character.isISOControl(c) ? '?' : c));
        return safe.toString();
    }
}
