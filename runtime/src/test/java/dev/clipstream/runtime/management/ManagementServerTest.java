package dev.clipstream.runtime.management;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ManagementServerTest {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private ManagementServer server;

    @BeforeEach
    void start() {
        server = ManagementServer.start(new ManagementSettings("ingest-test", "127.0.0.1", 0, Duration.ofMillis(500)));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void healthzIsUp() throws Exception {
        HttpResponse<String> response = get("/healthz");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"status\":\"UP\"}");
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
    }

    @Test
    void readyzIsUpWhenEveryCheckPasses() throws Exception {
        server.registerReadinessCheck("kafka", ReadinessCheck.Result::ok)
                .registerReadinessCheck("registry", ReadinessCheck.Result::ok);

        HttpResponse<String> response = get("/readyz");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo(
                "{\"status\":\"UP\",\"checks\":{\"kafka\":{\"status\":\"UP\"},\"registry\":{\"status\":\"UP\"}}}");
    }

    @Test
    void readyzIs503NamingEachFailingCheckAndWhy() throws Exception {
        CountDownLatch never = new CountDownLatch(1);
        server.registerReadinessCheck("kafka", () -> ReadinessCheck.Result.failed("no broker at 127.0.0.1:1"))
                .registerReadinessCheck("registry", () -> {
                    throw new IOException("connection refused");
                })
                .registerReadinessCheck("disk", ReadinessCheck.Result::ok)
                .registerReadinessCheck("slow", () -> {
                    never.await();
                    return ReadinessCheck.Result.ok();
                });

        HttpResponse<String> response = get("/readyz");

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.body())
                .contains("\"status\":\"DOWN\"")
                .contains("\"failing\":[\"kafka\",\"registry\",\"slow\"]")
                .contains("\"kafka\":{\"status\":\"DOWN\",\"reason\":\"no broker at 127.0.0.1:1\"}")
                .contains("\"registry\":{\"status\":\"DOWN\",\"reason\":\"IOException: connection refused\"}")
                .contains("\"slow\":{\"status\":\"DOWN\",\"reason\":\"timed out after 500 ms")
                .contains("\"disk\":{\"status\":\"UP\"}");
    }

    @Test
    void aHangingCheckIsNotStartedAgainByEveryProbe() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger runs = new AtomicInteger();
        server.registerReadinessCheck("stuck", () -> {
            runs.incrementAndGet();
            release.await();
            return ReadinessCheck.Result.ok();
        });
        try {
            for (int probe = 0; probe < 3; probe++) {
                assertThat(get("/readyz").statusCode()).isEqualTo(503);
            }
            assertThat(runs).as("one run of the stuck check serves every probe").hasValue(1);
        } finally {
            release.countDown();
        }
        await("the released check reports ready").atMost(Duration.ofSeconds(10))
                .until(() -> get("/readyz").statusCode() == 200);
        int runsSoFar = runs.get();
        assertThat(get("/readyz").statusCode()).isEqualTo(200);
        assertThat(runs).as("a finished run is not reused: the next probe runs the check again").hasValue(runsSoFar + 1);
    }

    @Test
    void metricsExposeServiceCountersAndJvmMetricsWithTheServiceTag() throws Exception {
        server.meterRegistry().counter("clipstream.clips.received").increment(3);

        HttpResponse<String> response = get("/metrics");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/plain"));
        assertThat(response.body())
                .contains("clipstream_clips_received_total{service=\"ingest-test\"} 3.0")
                .contains("jvm_memory_used_bytes{")
                .contains("process_uptime_seconds{service=\"ingest-test\"}");
    }

    @Test
    void portAlreadyInUseIsAClearError() throws IOException {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            int port = taken.getLocalPort();

            assertThatThrownBy(() -> ManagementServer.start(ManagementSettings.of("other", "127.0.0.1", port)))
                    .isInstanceOf(ManagementServerException.class)
                    .hasMessageContaining("127.0.0.1:" + port)
                    .hasMessageContaining("already in use")
                    .hasMessageContaining("management.port");
        }
    }

    @Test
    void baseUriPointsAtTheChosenPort() {
        assertThat(server.port()).isPositive();
        assertThat(server.baseUri()).isEqualTo(URI.create("http://127.0.0.1:" + server.port()));
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(server.baseUri().resolve(path))
                .timeout(Duration.ofSeconds(10)).GET().build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }
}
