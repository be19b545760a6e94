package dev.clipstream.ingest.validation;

import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

/** The shapes of the ids in upload paths; anything else (path characters, absurd lengths) is refused. */
public final class ClipIds {

    private static final Pattern VEHICLE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");
    /** ISO 3779: 17 characters, digits and capital letters without I, O and Q (matched ignoring case). */
    private static final Pattern VIN = Pattern.compile("(?i)[A-HJ-NPR-Z0-9]{17}");
    private static final Pattern VIN_INSIDE = Pattern.compile("(?i)(?<![A-Z0-9])[A-HJ-NPR-Z0-9]{17}(?![A-Z0-9])");
    private static final Pattern CANONICAL_UUID =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private ClipIds() {
    }

    /** A pseudonymous vehicle id: the id pattern, and not shaped like a raw VIN (see {@link #looksLikeVin}). */
    public static boolean isVehicleId(String text) {
        return text != null && VEHICLE_ID.matcher(text).matches() && !looksLikeVin(text);
    }

    /**
     * Whether the text is shaped like a vehicle identification number (ISO 3779): 17 characters of 0-9 and A-Z
     * without I, O, Q, with at least one digit and one letter. Vehicle ids must be pseudonyms, never VINs.
     */
    public static boolean looksLikeVin(String text) {
        return text != null && VIN.matcher(text).matches() && text.chars().anyMatch(Character::isDigit)
                && text.chars().anyMatch(Character::isLetter);
    }

    /** Whether the text contains a VIN-shaped word (17 VIN characters not adjacent to other letters or digits). */
    public static boolean containsVin(String text) {
        if (text == null) {
            return false;
        }
        var matcher = VIN_INSIDE.matcher(text);
        while (matcher.find()) {
            if (looksLikeVin(matcher.group())) {
                return true;
            }
        }
        return false;
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
