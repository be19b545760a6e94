package dev.clipstream.fleet.metadata;

/** A clip's metadata together with what was deliberately wrong with it, so a test or the demo can account for it. */
public record GeneratedMetadata(ClipMetadata metadata, Anomaly anomaly) {
}
