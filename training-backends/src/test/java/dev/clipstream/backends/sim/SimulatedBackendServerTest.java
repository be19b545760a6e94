package dev.clipstream.backends.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.clipstream.backends.api.BackendCallException;
import dev.clipstream.backends.api.BackendFaults;
import dev.clipstream.backends.api.BackendJson;
import dev.clipstream.backends.api.BackendKindName;
import dev.clipstream.backends.api.BackendStatusView;
import dev.clipstream.backends.api.BackendUnavailableException;
import dev.clipstream.backends.api.HttpTrainingBackendClient;
import dev.clipstream.backends.api.JobRequest;
import dev.clipstream.backends.api.JobState;
import dev.clipstream.backends.api.JobView;
import dev.clipstream.backends.api.Priority;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The job API over real HTTP, through the client the dispatcher uses; the clock is manual. */
class SimulatedBackendServerTest {

    private static final Instant START = Instant.parse("2026-11-01T00:00:00Z");

    private final SimulatedClock clock = SimulatedClock.manual(START);
    private final ObjectMapper json = BackendJson.mapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private SimulatedBackendServer server;
    private HttpTrainingBackendClient client;
    private BackendFaults faults;

    @BeforeEach
    void start() {
        server = SimulatedBackendServer.start(SimulatedBackendSettings.dojoDefaults().withoutRandomFaults()
                .withPort(0).withCapacity(24), clock);
        client = server.client(Duration.ofSeconds(5));
        faults = new BackendFaults(server.baseUri());
    }

    @AfterEach
    void stop() {
        client.close();
        server.close();
    }

    private static JobRequest batch(String batchId) {
        return new JobRequest(batchId, "campaign-1", 100, 1000, 36.0, Priority.LIVE);
    }

    @Test
    void submitCreatesThenReturnsTheSameJob() throws Exception {
        HttpResponse<String> created = post("/v1/jobs", json.writeValueAsString(batch("b1")));
        assertThat(created.statusCode()).isEqualTo(201);
        JobView job = json.readValue(created.body(), JobView.class);
        assertThat(created.headers().firstValue("Location")).contains("/v1/jobs/" + job.jobId());
        assertThat(job.state()).isEqualTo(JobState.RUNNING);
        assertThat(job.kind()).isEqualTo(BackendKindName.DOJO);
        assertThat(job.backend()).isEqualTo("dojo");
        assertThat(job.submittedAt()).isEqualTo(START);
        assertThat(created.body()).contains("\"submittedAt\":\"2026-11-01T00:00:00Z\"").contains("\"finishedAt\":null");

        HttpResponse<String> again = post("/v1/jobs", json.writeValueAsString(batch("b1")));
        assertThat(again.statusCode()).isEqualTo(200);
        assertThat(client.submit(batch("b1")).jobId()).isEqualTo(job.jobId());
        assertThat(client.jobs()).extracting(JobView::jobId).containsExactly(job.jobId());
    }

    @Test
    void aRestartedBackendNeverHandsOutAJobIdOfItsPreviousRun() {
        JobView before = client.submit(batch("b1"));
        SimulatedBackendSettings settings = server.settings();
        client.close();
        server.close();
        server = SimulatedBackendServer.start(settings, SimulatedClock.manual(START));
        client = server.client(Duration.ofSeconds(5));

        JobView after = client.submit(batch("b1"));
        assertThat(after.jobId()).as("first job of each run").isNotEqualTo(before.jobId())
                .startsWith("dojo-").endsWith("-000001");
    }

    @Test
    void jobLookupListingAndCancel() {
        JobView first = client.submit(batch("b1"));
        JobView second = client.submit(batch("b2"));
        assertThat(client.job(first.jobId())).contains(first);
        assertThat(client.job("dojo-999999")).isEmpty();
        assertThat(client.jobsForBatch("b2")).containsExactly(second);
        assertThat(client.jobsForBatch("unknown")).isEmpty();

        clock.advance(Duration.ofSeconds(60));
        JobView cancelled = client.cancel(second.jobId());
        assertThat(cancelled.state()).isEqualTo(JobState.CANCELLED);
        assertThat(cancelled.finishedAt()).isEqualTo(START.plusSeconds(60));
        assertThat(client.job(first.jobId()).orElseThrow().progress()).isGreaterThan(0);

        assertThatThrownBy(() -> client.cancel("nope"))
                .isInstanceOfSatisfying(BackendCallException.class, e -> {
                    assertThat(e.status()).isEqualTo(404);
                    assertThat(e.body()).contains("\"error\":\"job-not-found\"").contains("nope");
                });
    }

    @Test
    void statusReportsCapacityAndQueue() {
        client.submit(batch("b1"));
        client.submit(batch("b2"));
        client.submit(batch("b3"));
        BackendStatusView status = client.status();
        assertThat(status.name()).isEqualTo("dojo");
        assertThat(status.up()).isTrue();
        assertThat(status.state()).isEqualTo("UP");
        assertThat(status.unit()).isEqualTo("TILE");
        assertThat(status.capacityUnits()).isEqualTo(24);
        assertThat(status.freeUnits()).isZero();
        assertThat(status.unitsPerJob()).isEqualTo(12);
        assertThat(status.freeJobSlots()).isZero();
        assertThat(status.queuedJobs()).isEqualTo(1);
        assertThat(status.runningJobs()).isEqualTo(2);
        assertThat(status.costPerUnitHourUsd()).isEqualTo(15.0);
        assertThat(status.simulatedTime()).isEqualTo(START);
        assertThat(status.timeScale()).isEqualTo(1.0);
    }

    @Test
    void badBodiesAreAnswered400NamingTheField() throws Exception {
        HttpResponse<String> badType = post("/v1/jobs", "{\"batchId\":\"b1\",\"campaignId\":\"c\",\"clipCount\":3,"
                + "\"videoSeconds\":\"long\",\"framesPerSecond\":36,\"priority\":\"LIVE\"}");
        assertThat(badType.statusCode()).isEqualTo(400);
        JsonNode body = json.readTree(badType.body());
        assertThat(body.get("error").asText()).isEqualTo("invalid-request");
        assertThat(body.get("message").asText()).contains("videoSeconds");
        assertThat(body.get("fields").get(0).get("field").asText()).isEqualTo("videoSeconds");
        assertThat(body.get("fields").get(0).get("problem").asText()).isEqualTo("must be a number");

        HttpResponse<String> badPriority = post("/v1/jobs", "{\"batchId\":\"b1\",\"clipCount\":3,"
                + "\"videoSeconds\":10,\"framesPerSecond\":36,\"priority\":\"URGENT\"}");
        assertThat(badPriority.statusCode()).isEqualTo(400);
        assertThat(badPriority.body()).contains("\"field\":\"priority\"").contains("URGENT");

        HttpResponse<String> several = post("/v1/jobs", "{\"batchId\":\"b1\",\"clipCount\":3,"
                + "\"videoSeconds\":-1,\"framesPerSecond\":36}");
        assertThat(several.statusCode()).isEqualTo(400);
        assertThat(several.body()).contains("\"field\":\"priority\"").contains("\"field\":\"videoSeconds\"");

        assertThat(post("/v1/jobs", "not json").body()).contains("not valid JSON");
        assertThat(post("/v1/jobs", "not json").statusCode()).isEqualTo(400);

        assertThatThrownBy(() -> client.submit(new JobRequest(" ", "c", 0, 10, 36, Priority.LIVE)))
                .isInstanceOfSatisfying(BackendCallException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.body()).contains("\"field\":\"batchId\"").contains("\"field\":\"clipCount\"");
                });
        assertThat(client.jobs()).isEmpty();

        assertThat(post("/v1/faults/slowdown", "{\"factor\":-1}").body()).contains("\"field\":\"factor\"");
        assertThat(post("/v1/faults/hang", "{}").statusCode()).isEqualTo(400);
        assertThat(post("/v1/capacity", "{\"units\":1.5}").body()).contains("\"field\":\"units\"");
        assertThat(post("/v1/faults/outage", "{\"durationSeconds\":\"x\"}").statusCode()).isEqualTo(400);
        HttpResponse<String> unknown = get("/v1/nothing");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.body()).contains("\"error\":\"not-found\"");
    }

    @Test
    void outageAnswers503ToSubmitsUntilRecovered() throws Exception {
        JobView running = client.submit(batch("b1"));
        BackendStatusView down = faults.outage();
        assertThat(down.up()).isFalse();
        assertThat(down.state()).isEqualTo("DOWN");
        assertThat(client.status().freeJobSlots()).isZero();
        assertThat(client.job(running.jobId()).orElseThrow().state()).isEqualTo(JobState.FAILED);

        HttpResponse<String> refused = post("/v1/jobs", json.writeValueAsString(batch("b2")));
        assertThat(refused.statusCode()).isEqualTo(503);
        assertThat(refused.headers().firstValue("Retry-After")).isPresent();
        assertThat(refused.body()).contains("\"error\":\"backend-down\"");
        assertThatThrownBy(() -> client.submit(batch("b2"))).isInstanceOf(BackendUnavailableException.class)
                .hasMessageContaining("503");

        assertThat(faults.recover().up()).isTrue();
        assertThat(client.submit(batch("b2")).state()).isEqualTo(JobState.RUNNING);

        faults.outage(600);
        clock.advance(Duration.ofSeconds(600));
        assertThat(client.status().up()).isTrue();
    }

    @Test
    void preemptSlowdownAndCapacityFaults() {
        JobView job = client.submit(batch("b1"));
        double nominal = job.simulatedDurationSeconds();
        assertThat(faults.slowdown(3.0).up()).isTrue();
        assertThat(client.job(job.jobId()).orElseThrow().simulatedDurationSeconds()).isEqualTo(nominal * 3);

        JobView preempted = faults.preempt(job.jobId());
        assertThat(preempted.state()).isEqualTo(JobState.PREEMPTED);
        assertThat(preempted.failureReason()).contains("fault injection");
        assertThatThrownBy(() -> faults.preempt(job.jobId()))
                .isInstanceOfSatisfying(BackendCallException.class, e -> assertThat(e.status()).isEqualTo(409));
        assertThatThrownBy(() -> faults.preempt("missing"))
                .isInstanceOfSatisfying(BackendCallException.class, e -> assertThat(e.status()).isEqualTo(404));

        BackendStatusView grown = faults.capacity(48);
        assertThat(grown.capacityUnits()).isEqualTo(48);
        assertThat(grown.freeJobSlots()).isEqualTo(4);
    }

    @Test
    void clientTimesOutAgainstAHungBackendWithinItsTimeout() {
        Duration timeout = Duration.ofMillis(300);
        try (HttpTrainingBackendClient impatient = server.client(timeout)) {
            faults.hang(true);
            long startNanos = System.nanoTime();
            assertThatThrownBy(impatient::status).isInstanceOf(BackendUnavailableException.class)
                    .hasMessageContaining("timed out");
            Duration took = Duration.ofNanos(System.nanoTime() - startNanos);
            assertThat(took).isGreaterThanOrEqualTo(timeout).isLessThan(timeout.plusMillis(1500));
            assertThatThrownBy(() -> impatient.submit(batch("b1"))).isInstanceOf(BackendUnavailableException.class);

            faults.hang(false);
            assertThat(impatient.status().up()).isTrue();
        }
    }

    @Test
    void heldRequestsTakeNoServerThreadAndAreAnsweredOnRelease() throws Exception {
        faults.hang(true);
        // Far more held requests than the server has threads: the fault endpoints must still answer.
        List<CompletableFuture<HttpResponse<String>>> held = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            held.add(http.sendAsync(HttpRequest.newBuilder(URI.create(server.baseUri() + "/v1/status")).GET().build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        CompletableFuture<HttpResponse<String>> submit = http.sendAsync(
                HttpRequest.newBuilder(URI.create(server.baseUri() + "/v1/jobs"))
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(batch("held")))).build(),
                HttpResponse.BodyHandlers.ofString());
        BackendStatusView stillAnswering = faults.capacity(36);
        assertThat(stillAnswering.capacityUnits()).isEqualTo(36);
        assertThat(held).noneMatch(CompletableFuture::isDone);
        assertThat(submit).isNotDone();

        assertThat(faults.hang(false).up()).isTrue();
        assertThat(submit.get(30, TimeUnit.SECONDS).statusCode()).isEqualTo(201);
        for (CompletableFuture<HttpResponse<String>> response : held) {
            HttpResponse<String> answered = response.get(30, TimeUnit.SECONDS);
            assertThat(answered.statusCode()).isEqualTo(200);
            assertThat(answered.body()).contains("\"name\":\"dojo\"");
        }
    }

    @Test
    void unreachableBackendIsUnavailable() throws Exception {
        int freePort;
        try (ServerSocket socket = new ServerSocket(0)) {
            freePort = socket.getLocalPort();
        }
        try (HttpTrainingBackendClient nowhere = new HttpTrainingBackendClient("nowhere",
                URI.create("http://127.0.0.1:" + freePort), Duration.ofSeconds(1))) {
            assertThatThrownBy(nowhere::status).isInstanceOf(BackendUnavailableException.class)
                    .hasMessageContaining("nowhere");
        }
    }

    @Test
    void managementEndpointsOnTheSamePort() throws Exception {
        client.submit(batch("b1"));
        clock.advance(Duration.ofHours(1));
        client.status();
        assertThat(get("/healthz").body()).contains("\"status\":\"UP\"");
        assertThat(get("/readyz").statusCode()).isEqualTo(200);
        String metrics = get("/metrics").body();
        assertThat(metrics)
                .contains("clipstream_backend_capacity_units{backend=\"dojo\"")
                .contains("clipstream_backend_free_units")
                .contains("clipstream_backend_queued_jobs")
                .contains("clipstream_backend_running_jobs")
                .containsPattern("clipstream_backend_jobs_finished_total\\{.*state=\"SUCCEEDED\".*} 1\\.0")
                .containsPattern("clipstream_backend_simulated_cost_usd_total\\{.*} [1-9]");
        assertThat(get("/v1/events").body()).contains("\"type\":\"SUCCEEDED\"");
    }

    private HttpResponse<String> post(String path, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(server.baseUri() + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(server.baseUri() + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
