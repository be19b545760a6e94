package dev.clipstream.fleet.files;

import dev.clipstream.fleet.clip.Mp4Probe;
import dev.clipstream.fleet.metadata.Anomaly;
import dev.clipstream.fleet.metadata.ClipMetadata;
import dev.clipstream.fleet.metadata.MetadataCodec;
import dev.clipstream.fleet.sim.ClipIds;
import dev.clipstream.fleet.upload.ClipBody;
import dev.clipstream.fleet.upload.ClipSource;
import dev.clipstream.fleet.upload.ClipTask;
import dev.clipstream.fleet.upload.ClipUpload;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * Real video files of one vehicle as clips. The clip id is derived from vehicle and content, so pushing a file again
 * (or resuming an interrupted push) never makes a second clip of it.
 */
public final class FileClips implements ClipSource {

    private static final long DEFAULT_DURATION_MILLIS = 10_000;

    private final Iterator<Path> files;
    private final String vehicleId;
    private final String token;
    private final FileMetadataDefaults defaults;

    public FileClips(List<Path> files, String vehicleId, String token, FileMetadataDefaults defaults) {
        this.files = List.copyOf(files).iterator();
        this.vehicleId = vehicleId;
        this.token = token;
        this.defaults = defaults;
    }

    /** A file the push cannot send, named with why; checked before anything is sent. */
    public static Optional<String> problem(Path file) {
        if (!Files.isRegularFile(file)) {
            return Optional.of(file + ": no such file");
        }
        if (!Files.isReadable(file)) {
            return Optional.of(file + ": not readable");
        }
        if (ContentTypes.of(file).isEmpty()) {
            return Optional.of(file + ": unknown video type; supported are " + ContentTypes.supportedExtensions());
        }
        return Optional.empty();
    }

    @Override
    public synchronized Optional<ClipTask> next() {
        if (!files.hasNext()) {
            return Optional.empty();
        }
        Path file = files.next();
        return Optional.of(new ClipTask(vehicleId, null, Anomaly.NONE, () -> upload(file)));
    }

    private ClipUpload upload(Path file) throws IOException {
        long size = Files.size(file);
        String sha256 = sha256(file);
        String contentType = ContentTypes.of(file).orElseThrow();
        ClipMetadata metadata = metadata(file);
        return new ClipUpload(vehicleId, ClipIds.ofContent(vehicleId, sha256), token, contentType, sha256,
                MetadataCodec.toHeader(metadata), ClipBody.of(file, size));
    }

    ClipMetadata metadata(Path file) throws IOException {
        Optional<Mp4Probe.Movie> movie = contentTypeIsIsoBmff(file) ? Mp4Probe.probe(file) : Optional.empty();
        long duration = defaults.durationMillis() != null ? defaults.durationMillis()
                : movie.map(Mp4Probe.Movie::durationMillis).filter(d -> d > 0).orElse(DEFAULT_DURATION_MILLIS);
        ClipMetadata.Resolution resolution = defaults.resolution() != null ? defaults.resolution()
                : movie.filter(m -> m.width() > 0).map(m -> new ClipMetadata.Resolution(m.width(), m.height()))
                        .orElse(new ClipMetadata.Resolution(1280, 960));
        Instant start = defaults.captureStart() != null ? defaults.captureStart()
                : Files.getLastModifiedTime(file).toInstant().minusMillis(duration);
        return new ClipMetadata(defaults.camera(), start, start.plusMillis(duration), duration, resolution,
                defaults.framesPerSecond(), defaults.codec(), defaults.triggerId(), defaults.campaignIds(),
                defaults.location(), defaults.speed(), defaults.firmwareVersion(), defaults.privacy());
    }

    private static boolean contentTypeIsIsoBmff(Path file) {
        String type = ContentTypes.of(file).orElse("");
        return type.equals("video/mp4") || type.equals("video/quicktime");
    }

    static String sha256(Path file) throws IOException {
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
            byte[] buffer = new byte[64 * 1024];
            while (in.read(buffer) >= 0) {
                // reading is hashing
            }
            return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has SHA-256", e);
        }
    }
}
