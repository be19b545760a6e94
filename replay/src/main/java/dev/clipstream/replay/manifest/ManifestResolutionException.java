package dev.clipstream.replay.manifest;

/** A manifest's batches can no longer be read exactly as recorded. */
public class ManifestResolutionException extends RuntimeException {

    public ManifestResolutionException(String message) {
        super(message);
    }
}
