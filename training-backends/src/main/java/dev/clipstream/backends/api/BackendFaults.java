package dev.clipstream.backends.api;

import com.fasterxml.jackson.databind.JavaType;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * Fault injection on a simulated backend (tests, demo), over its /v1/faults and /v1/capacity endpoints. Each call
 * returns the backend's status after the change (preempt returns the job). These endpoints keep answering while the
 * backend is down or hanging, so a test can always undo what it did.
 */
public final class BackendFaults {

    private final JsonHttp http;
    private final JavaType statusType;
    private final JavaType jobType;

    public BackendFaults(URI baseUri) {
        this(baseUri, Duration.ofSeconds(5));
    }

    public BackendFaults(URI baseUri, Duration timeout) {
        this.http = new JsonHttp("faults", baseUri, timeout);
        this.statusType = http.json().constructType(BackendStatusView.class);
        this.jobType = http.json().constructType(JobView.class);
    }

    /** Down now until {@link #recover()}: running jobs fail, submits answer 503. */
    public BackendStatusView outage() {
        return http.call("POST", "/v1/faults/outage", Map.of(), statusType);
    }

    /** Down now for this many simulated seconds, then up again by itself. */
    public BackendStatusView outage(double durationSeconds) {
        return http.call("POST", "/v1/faults/outage", Map.of("durationSeconds", durationSeconds), statusType);
    }

    /** Ends an injected outage (not a scheduled maintenance window). */
    public BackendStatusView recover() {
        return http.call("POST", "/v1/faults/recover", Map.of(), statusType);
    }

    /** Preempts a running (or queued) job now: it ends PREEMPTED. */
    public JobView preempt(String jobId) {
        return http.call("POST", "/v1/faults/preempt/" + HttpTrainingBackendClient.encode(jobId), Map.of(), jobType);
    }

    /** Every job (running and future) takes {@code factor} times as long; 1.0 = normal speed. */
    public BackendStatusView slowdown(double factor) {
        return http.call("POST", "/v1/faults/slowdown", Map.of("factor", factor), statusType);
    }

    /** While enabled the job API (/v1/jobs..., /v1/status) holds every request without answering. */
    public BackendStatusView hang(boolean enabled) {
        return http.call("POST", "/v1/faults/hang", Map.of("enabled", enabled), statusType);
    }

    /** Sets the unit count (GPUs, tiles) now; running jobs above the new capacity are preempted. */
    public BackendStatusView capacity(int units) {
        return http.call("POST", "/v1/capacity", Map.of("units", units), statusType);
    }
}
