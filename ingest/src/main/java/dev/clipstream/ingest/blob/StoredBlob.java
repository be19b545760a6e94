package dev.clipstream.ingest.blob;

import java.net.URI;

/**
 * A blob that is durable in the store.
 *
 * @param alreadyPresent true when the store held these bytes before (same digest), so nothing new was written
 */
public record StoredBlob(String sha256, long sizeBytes, URI uri, boolean alreadyPresent) {
}
