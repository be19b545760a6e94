package dev.clipstream.ingest.http;

import dev.clipstream.ingest.events.AcceptedClip;

/** The JSON body of 200/201 answers. */
public record ClipBody(String clipId, String vehicleId, String sha256, long sizeBytes, String blobUri,
                       String status, String acceptedAt) {

    public static final String ACCEPTED = "accepted";
    public static final String ALREADY_ACCEPTED = "already-accepted";

    static ClipBody of(AcceptedClip clip, String status) {
        return new ClipBody(clip.clipId().toString(), clip.vehicleId(), clip.sha256(), clip.sizeBytes(),
                clip.blobUri(), status, clip.acceptedAt().toString());
    }
}
