package dev.clipstream.devstack.process;

import dev.clipstream.devstack.DevStackException;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Creating and removing the directories the devstack owns. */
public final class WorkDirs {

    private WorkDirs() {
    }

    public static Path createFresh(Path dir, String prefix) {
        try {
            if (dir == null) {
                return Files.createTempDirectory(prefix).toAbsolutePath();
            }
            Path absolute = dir.toAbsolutePath();
            if (Files.exists(absolute)) {
                if (!Files.isDirectory(absolute)) {
                    throw new DevStackException("workDir " + absolute + " exists and is not a directory");
                }
                try (Stream<Path> entries = Files.list(absolute)) {
                    if (entries.findAny().isPresent()) {
                        throw new DevStackException("workDir " + absolute
                                + " is not empty; give an empty or absent directory, because close() deletes it");
                    }
                }
            }
            return Files.createDirectories(absolute);
        } catch (IOException e) {
            throw new DevStackException("Could not create workDir " + dir + ": " + e.getMessage(), e);
        }
    }

    public static void createDirectories(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new DevStackException("Could not create directory " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Deletes a tree; files that vanish meanwhile (a child still exiting) are not an error. */
    public static void deleteRecursively(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(WorkDirs::deleteIfExists);
        } catch (NoSuchFileException e) {
            // Already gone.
        } catch (IOException | UncheckedIOException e) {
            throw new DevStackException("Could not delete " + dir + ": " + e.getMessage(), e);
        }
    }

    private static void deleteIfExists(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
