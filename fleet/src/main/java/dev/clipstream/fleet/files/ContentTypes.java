package dev.clipstream.fleet.files;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The Content-Type of a clip file, from its extension: the four container types ingest accepts. */
public final class ContentTypes {

    private static final Map<String, String> BY_EXTENSION = Map.of(
            "mp4", "video/mp4",
            "m4v", "video/mp4",
            "mov", "video/quicktime",
            "mkv", "video/x-matroska",
            "webm", "video/webm");

    private ContentTypes() {
    }

    public static Optional<String> of(Path file) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        if (dot < 0) {
            return Optional.empty();
        }
        return Optional.ofNullable(BY_EXTENSION.get(name.substring(dot + 1).toLowerCase(Locale.ROOT)));
    }

    public static String supportedExtensions() {
        return ".mp4, .m4v (video/mp4), .mov (video/quicktime), .mkv (video/x-matroska), .webm (video/webm)";
    }
}
