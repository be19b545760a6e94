package dev.clipstream.fleet.clip;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Reads what the movie header of an MP4/MOV file says (duration, frame size) without reading the media: walks the
 * box tree, seeking over everything but {@code moov}, {@code trak}, {@code mvhd} and {@code tkhd}.
 */
public final class Mp4Probe {

    /** @param width 0 when no video track header names a frame size */
    public record Movie(long durationMillis, int width, int height) {
    }

    private Mp4Probe() {
    }

    /** Empty when the file is not an ISO-BMFF file with a readable movie header. */
    public static Optional<Movie> probe(Path file) throws IOException {
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            return Optional.ofNullable(walk(in, 0, in.length(), new Movie[] {new Movie(-1, 0, 0)}))
                    .filter(movie -> movie.durationMillis() >= 0);
        }
    }

    private static Movie walk(RandomAccessFile in, long from, long to, Movie[] found) throws IOException {
        long at = from;
        while (at + 8 <= to) {
            in.seek(at);
            long size = in.readInt() & 0xFFFF_FFFFL;
            String type = fourCc(in.readInt());
            long headerSize = 8;
            if (size == 1) {
                size = in.readLong();
                headerSize = 16;
            } else if (size == 0) {
                size = to - at;
            }
            if (size < headerSize || at + size > to) {
                break;
            }
            long contentStart = at + headerSize;
            switch (type) {
                case "moov", "trak" -> walk(in, contentStart, at + size, found);
                case "mvhd" -> {
                    in.seek(contentStart);
                    int version = in.readUnsignedByte();
                    in.skipBytes(3 + (version == 1 ? 16 : 8));
                    long timescale = in.readInt() & 0xFFFF_FFFFL;
                    long duration = version == 1 ? in.readLong() : in.readInt() & 0xFFFF_FFFFL;
                    long millis = timescale == 0 ? 0 : duration * 1000 / timescale;
                    found[0] = new Movie(millis, found[0].width(), found[0].height());
                }
                case "tkhd" -> {
                    // width and height are the last 8 bytes of tkhd, 16.16 fixed point.
                    in.seek(at + size - 8);
                    int width = in.readInt() >>> 16;
                    int height = in.readInt() >>> 16;
                    if (found[0].width() == 0 && width > 0 && height > 0) {
                        found[0] = new Movie(found[0].durationMillis(), width, height);
                    }
                }
                default -> {
                }
            }
            at += size;
        }
        return found[0];
    }

    private static String fourCc(int code) {
        return new String(new char[] {(char) (code >>> 24 & 0xFF), (char) (code >>> 16 & 0xFF),
                (char) (code >>> 8 & 0xFF), (char) (code & 0xFF)});
    }
}
