package dev.clipstream.fleet.upload;

import java.time.Duration;
import java.util.Optional;

/**
 * One answer of the ingest API.
 *
 * @param errorCode  the JSON error's "error" (kebab-case), null on success or when the body was not an API error
 * @param retryAfter the Retry-After header, if any
 * @param blobUri    the accepted clip's blob URI on 200/201
 * @param sha256     the accepted clip's digest on 200/201
 */
public record IngestResponse(int status, String errorCode, String message, Optional<Duration> retryAfter,
                             String blobUri, String sha256) {

    public boolean success() {
        return status == 200 || status == 201;
    }

    /** The kind under which this answer is counted: e.g. "503 unavailable", or "502" without an API error body. */
    public String kind() {
        return errorCode == null ? String.valueOf(status) : status + " " + errorCode;
    }
}
