package dev.clipstream.fleet.bench;

import dev.clipstream.fleet.clip.Mp4Clip;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.stream.Stream;

/**
 * The machine's raw rate for the work an upload does at its core, without HTTP and Kafka: write each clip's bytes
 * (streamed from the same generator the uploads read) to a new file in the blob store's file system and fsync it.
 */
final class RawWriteRate {

    private RawWriteRate() {
    }

    static RateResult measure(List<Mp4Clip> clips, int concurrency, Path directory) throws Exception {
        Files.createDirectories(directory);
        try {
            ConcurrentRun.Timing timing = ConcurrentRun.run(clips.size(), concurrency, index -> {
                write(clips.get(index), directory.resolve("raw-" + index + ".mp4"));
                return true;
            });
            return new RateResult(clips.size(), clips.get(0).size(), timing.elapsed(),
                    ConcurrentRun.millis(timing.latencyMicros(), 50), ConcurrentRun.millis(timing.latencyMicros(), 99),
                    0, 0);
        } finally {
            deleteFiles(directory);
        }
    }

    private static void write(Mp4Clip clip, Path file) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
             InputStream in = clip.open()) {
            int read;
            while ((read = in.read(buffer)) > 0) {
                ByteBuffer chunk = ByteBuffer.wrap(buffer, 0, read);
                while (chunk.hasRemaining()) {
                    channel.write(chunk);
                }
            }
            channel.force(true);
        }
    }

    static void deleteFiles(Path directory) throws IOException {
        if (!Files.isDirectory(directory)) {
            return;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.deleteIfExists(file);
            }
        }
    }
}
