package dev.clipstream.ingest.blob;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link BlobStore} in a local directory:
 * <pre>
 *   ROOT/sha256/ab/abcdef...   one file per blob, named by its full digest, fanned out by its first two hex digits
 *   ROOT/tmp/upload-*.part     uploads in progress (removed on failure; ones older than 15 min removed at start)
 * </pre>
 * A write goes to a temp file in ROOT/tmp (same file system), is fsynced, atomically renamed to its content
 * address, and then the target directory is fsynced, so after {@code put} returns the blob survives a crash and a
 * reader never sees a partial blob. Blob URIs are {@code blob://clips/sha256/ab/<hex>}: location-independent, so
 * consumers resolve them against their own mount of the store (see {@link #resolve(URI)}).
 */
public final class LocalDirectoryBlobStore implements BlobStore {

    private static final Logger LOG = LoggerFactory.getLogger(LocalDirectoryBlobStore.class);
    public static final String URI_PREFIX = "blob://clips/";
    /** A small fixed buffer: clips stream through, never whole in memory. */
    static final int BUFFER_BYTES = 64 * 1024;
    static final Duration STALE_AFTER = Duration.ofMinutes(15);

    private final Path root;
    private final Path blobs;
    private final Path tmp;

    private LocalDirectoryBlobStore(Path root) {
        this.root = root;
        this.blobs = root.resolve("sha256");
        this.tmp = root.resolve("tmp");
    }

    /** Opens (creating if needed) a store in {@code root} and removes temp files a crash left behind. */
    public static LocalDirectoryBlobStore open(Path root) throws IOException {
        LocalDirectoryBlobStore store = new LocalDirectoryBlobStore(root.toAbsolutePath());
        Files.createDirectories(store.blobs);
        Files.createDirectories(store.tmp);
        int removed = store.removeStaleTempFiles();
        if (removed > 0) {
            LOG.info("Removed {} unfinished upload file(s) from {}", removed, store.tmp);
        }
        return store;
    }

    public Path root() {
        return root;
    }

    /** The directory of unfinished uploads; empty whenever no upload is in progress. */
    public Path tempDir() {
        return tmp;
    }

    @Override
    public StoredBlob put(InputStream content, String expectedSha256) throws IOException {
        if (!Sha256.isHexDigest(expectedSha256)) {
            throw new IllegalArgumentException("Expected digest must be 64 lower-case hex characters");
        }
        Path temp = tmp.resolve("upload-" + UUID.randomUUID() + ".part");
        boolean moved = false;
        try {
            MessageDigest digest = Sha256.newDigest();
            long size = 0;
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                byte[] buffer = new byte[BUFFER_BYTES];
                int read;
                while ((read = content.read(buffer)) != -1) {
                    digest.update(buffer, 0, read);
                    ByteBuffer chunk = ByteBuffer.wrap(buffer, 0, read);
                    while (chunk.hasRemaining()) {
                        channel.write(chunk);
                    }
                    size += read;
                }
                String actual = Sha256.hex(digest.digest());
                if (!actual.equals(expectedSha256)) {
                    throw new DigestMismatchException(expectedSha256, actual);
                }
                channel.force(true);
            }
            Path target = pathOf(expectedSha256);
            if (Files.exists(target)) {
                // Same digest, same bytes: the blob is already durable; drop the copy.
                return new StoredBlob(expectedSha256, size, uri(expectedSha256), true);
            }
            Files.createDirectories(target.getParent());
            try {
                Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE);
                moved = true;
            } catch (FileAlreadyExistsException raced) {
                return new StoredBlob(expectedSha256, size, uri(expectedSha256), true);
            }
            fsyncDirectory(target.getParent());
            return new StoredBlob(expectedSha256, size, uri(expectedSha256), false);
        } finally {
            if (!moved) {
                Files.deleteIfExists(temp);
            }
        }
    }

    @Override
    public boolean exists(String sha256) {
        return Sha256.isHexDigest(sha256) && Files.isRegularFile(pathOf(sha256));
    }

    @Override
    public Optional<InputStream> open(String sha256) throws IOException {
        if (!exists(sha256)) {
            return Optional.empty();
        }
        return Optional.of(Files.newInputStream(pathOf(sha256)));
    }

    @Override
    public URI uri(String sha256) {
        return URI.create(URI_PREFIX + relativeKey(sha256));
    }

    /** The file of a blob URI made by this store. */
    public Path resolve(URI blobUri) {
        String text = blobUri.toString();
        if (!text.startsWith(URI_PREFIX)) {
            throw new IllegalArgumentException("Not a blob URI of this store: " + blobUri);
        }
        String sha = text.substring(text.lastIndexOf('/') + 1);
        if (!Sha256.isHexDigest(sha)) {
            throw new IllegalArgumentException("Blob URI does not end in a SHA-256: " + blobUri);
        }
        return pathOf(sha);
    }

    public Path pathOf(String sha256) {
        return blobs.resolve(sha256.substring(0, 2)).resolve(sha256);
    }

    @Override
    public void checkWritable() throws IOException {
        Path probe = tmp.resolve("probe-" + UUID.randomUUID() + ".part");
        try {
            Files.write(probe, new byte[] {1}, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
        } finally {
            Files.deleteIfExists(probe);
        }
    }

    private static String relativeKey(String sha256) {
        return "sha256/" + sha256.substring(0, 2) + "/" + sha256;
    }

    /** Makes the rename itself durable: on Linux a directory's entries reach the disk only when it is fsynced. */
    private static void fsyncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException e) {
            // Some file systems (and Windows) cannot open a directory; the blob is written and renamed anyway.
            LOG.debug("Could not fsync directory {}: {}", dir, e.toString());
        }
    }

    /**
     * Removes temp files untouched for {@link #STALE_AFTER}: a crash left them. Younger ones may belong to an
     * upload in progress in another instance sharing this directory, and an active upload writes every few ms.
     */
    private int removeStaleTempFiles() throws IOException {
        int removed = 0;
        FileTime cutoff = FileTime.from(Instant.now().minus(STALE_AFTER));
        try (DirectoryStream<Path> parts = Files.newDirectoryStream(tmp, "*.part")) {
            for (Path file : parts) {
                if (Files.getLastModifiedTime(file).compareTo(cutoff) < 0 && Files.deleteIfExists(file)) {
                    removed++;
                }
            }
        }
        return removed;
    }
}
