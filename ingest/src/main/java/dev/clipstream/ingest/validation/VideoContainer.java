package dev.clipstream.ingest.validation;

import java.util.Locale;
import java.util.Optional;

/** The container formats ingest accepts, by their declared media types and their magic bytes. */
public enum VideoContainer {
    /** ISO base media file format: MP4 and QuickTime MOV. */
    ISO_BMFF,
    /** EBML: Matroska and WebM. */
    MATROSKA;

    /** How many leading bytes {@link #sniff} needs. */
    public static final int SNIFF_BYTES = 12;

    private static final byte[] EBML_MAGIC = {0x1A, 0x45, (byte) 0xDF, (byte) 0xA3};

    /** The container a Content-Type header declares (parameters ignored), or empty for any other type. */
    public static Optional<VideoContainer> forContentType(String contentType) {
        if (contentType == null) {
            return Optional.empty();
        }
        int semicolon = contentType.indexOf(';');
        String type = (semicolon >= 0 ? contentType.substring(0, semicolon) : contentType).trim()
                .toLowerCase(Locale.ROOT);
        return switch (type) {
            case "video/mp4", "video/quicktime" -> Optional.of(ISO_BMFF);
            case "video/x-matroska", "video/webm" -> Optional.of(MATROSKA);
            default -> Optional.empty();
        };
    }

    /**
     * The container whose signature the first bytes carry: an ISO-BMFF file starts with its {@code ftyp} box
     * (4-byte size >= 8, then "ftyp", then the major brand); a Matroska/WebM file with the EBML magic 1A 45 DF A3.
     */
    public static Optional<VideoContainer> sniff(byte[] head, int length) {
        if (length >= SNIFF_BYTES && head[4] == 'f' && head[5] == 't' && head[6] == 'y' && head[7] == 'p') {
            long boxSize = ((head[0] & 0xFFL) << 24) | ((head[1] & 0xFFL) << 16) | ((head[2] & 0xFFL) << 8)
                    | (head[3] & 0xFFL);
            // Size 1 means a 64-bit size follows; otherwise the box holds at least its header and a major brand.
            if (boxSize == 1 || boxSize >= 12) {
                return Optional.of(ISO_BMFF);
            }
        }
        if (length >= EBML_MAGIC.length && head[0] == EBML_MAGIC[0] && head[1] == EBML_MAGIC[1]
                && head[2] == EBML_MAGIC[2] && head[3] == EBML_MAGIC[3]) {
            return Optional.of(MATROSKA);
        }
        return Optional.empty();
    }
}
