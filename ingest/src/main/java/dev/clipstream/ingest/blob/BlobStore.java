package dev.clipstream.ingest.blob;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.Optional;

/**
 * Content-addressed storage for clip bytes (the claim check): a blob's key is the SHA-256 of its bytes.
 * Implementations write a blob completely and durably before it becomes visible under its key, so a reader never
 * sees a partial blob, and leave nothing behind when a write fails.
 */
public interface BlobStore {

    /**
     * Streams {@code content} into the store while computing its SHA-256, and makes it visible under that digest
     * only when it equals {@code expectedSha256}. Any exception thrown while reading {@code content} (e.g. a size
     * limit or a content check in a wrapping stream) propagates unchanged, and nothing is left behind.
     *
     * @param expectedSha256 64 lower-case hex characters
     * @throws DigestMismatchException when the bytes hash to another digest
     * @throws IOException             when reading the content or writing the store fails
     */
    StoredBlob put(InputStream content, String expectedSha256) throws IOException;

    boolean exists(String sha256);

    /** The blob's bytes, or empty when the store has no blob with this digest. */
    Optional<InputStream> open(String sha256) throws IOException;

    /** Where consumers find the blob: the value of ClipUploaded.blobUri. */
    URI uri(String sha256);

    /** Throws when the store cannot take a write now (readiness check). */
    void checkWritable() throws IOException;
}
