package dev.clipstream.backends.api;

import com.fasterxml.jackson.databind.JavaType;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** {@link TrainingBackendClient} over the "Training backend job API v1" (HTTP/1.1 + JSON, java.net.http). */
public final class HttpTrainingBackendClient implements TrainingBackendClient {

    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);

    private final String name;
    private final JsonHttp http;
    private final JavaType jobType;
    private final JavaType jobListType;
    private final JavaType statusType;

    /**
     * @param name    the backend's name, as the dispatcher calls it (e.g. "dojo")
     * @param baseUri e.g. http://127.0.0.1:8091 (no /v1)
     * @param timeout bound on every call, connect included; a call that takes longer throws
     *                {@link BackendUnavailableException}
     */
    public HttpTrainingBackendClient(String name, URI baseUri, Duration timeout) {
        this.name = Objects.requireNonNull(name, "name");
        this.http = new JsonHttp(name, baseUri, timeout);
        this.jobType = http.json().constructType(JobView.class);
        this.jobListType = http.json().getTypeFactory().constructCollectionType(List.class, JobView.class);
        this.statusType = http.json().constructType(BackendStatusView.class);
    }

    /** With the default timeout of 2 s. */
    public HttpTrainingBackendClient(String name, URI baseUri) {
        this(name, baseUri, DEFAULT_TIMEOUT);
    }

    @Override
    public String name() {
        return name;
    }

    public URI baseUri() {
        return http.baseUri();
    }

    @Override
    public JobView submit(JobRequest request) {
        Objects.requireNonNull(request, "request");
        return http.call("POST", "/v1/jobs", request, jobType);
    }

    @Override
    public Optional<JobView> job(String jobId) {
        String path = "/v1/jobs/" + encode(jobId);
        HttpResponse<String> response = http.send("GET", path, null);
        if (response.statusCode() == 404) {
            return Optional.empty();
        }
        http.requireSuccess("GET", path, response);
        return Optional.of(http.read("GET", path, response, jobType));
    }

    @Override
    public List<JobView> jobs() {
        return http.call("GET", "/v1/jobs", null, jobListType);
    }

    /** The job records for one batch (every attempt), oldest first. */
    public List<JobView> jobsForBatch(String batchId) {
        return http.call("GET", "/v1/jobs?batchId=" + encode(batchId), null, jobListType);
    }

    @Override
    public JobView cancel(String jobId) {
        return http.call("DELETE", "/v1/jobs/" + encode(jobId), null, jobType);
    }

    @Override
    public BackendStatusView status() {
        return http.call("GET", "/v1/status", null, statusType);
    }

    /** Nothing to release: the JDK 17 HttpClient frees its resources when unreachable. */
    @Override
    public void close() {
    }

    @Override
    public String toString() {
        return "HttpTrainingBackendClient[" + name + " " + http.baseUri() + "]";
    }

    static String encode(String value) {
        Objects.requireNonNull(value, "id");
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
