package dev.clipstream.lag.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.clipstream.lag.model.LagStatus;
import dev.clipstream.lag.monitor.LagMonitor;
import dev.clipstream.lag.monitor.LagSettings;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The monitor service end to end: its /api/lag JSON, its Prometheus metrics, and the lag page rendered by a real
 * headless Chromium (Debian's chromium package; the page test skips, saying so, only when it is not installed).
 */
class LagPageIT {

    private static final Path CHROMIUM = Path.of(System.getProperty("chromium.path", "/usr/bin/chromium"));

    private final KafkaFixture kafka = new KafkaFixture();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private LagMonitor monitorWithLag(String group) {
        String topic = kafka.topic("lag-page", 2);
        kafka.produce(topic, 0, 12, System.currentTimeMillis() - 30_000, 100);
        kafka.produce(topic, 1, 3);
        kafka.commit(group, Map.of(new TopicPartition(topic, 0), 2L, new TopicPartition(topic, 1), 3L));
        LagSettings settings = LagSettings.defaults().withPipelineGroups(false).withGroups(List.of(group))
                .withInterval(Duration.ofMillis(250)).withWeb("127.0.0.1", 0);
        return LagMonitor.start(settings, kafka.stack.bootstrapServers(), null);
    }

    private HttpResponse<String> get(URI uri) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void apiAndMetricsReportTheGroupAndUnknownGroupIsJson404() throws Exception {
        String group = KafkaFixture.group("page-api");
        try (LagMonitor monitor = monitorWithLag(group)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> monitor.history().snapshot()
                    .getOrDefault(group, List.of()).size() >= 2);

            HttpResponse<String> api = get(monitor.apiUri());
            assertThat(api.statusCode()).isEqualTo(200);
            assertThat(api.headers().firstValue("content-type")).hasValueSatisfying(
                    v -> assertThat(v).startsWith("application/json"));
            assertThat(api.body()).contains("\"group\":\"" + group + "\"").contains("\"recordLag\":10")
                    .contains("\"status\":\"STOPPED\"").contains("\"history\":{\"" + group + "\":{\"t\":[");

            HttpResponse<String> unknown = get(URI.create(monitor.apiUri() + "?group=nope"));
            assertThat(unknown.statusCode()).isEqualTo(404);
            assertThat(unknown.body()).contains("\"error\":\"unknown-group\"").contains(group);

            HttpResponse<String> metrics = get(monitor.metricsUri());
            assertThat(metrics.body())
                    .containsPattern("clipstream_lag_group_records\\{group=\"" + group + "\"[^}]*} 10\\.0")
                    .containsPattern("clipstream_lag_group_status\\{group=\"" + group + "\"[^}]*} "
                            + LagStatus.STOPPED.severity() + "\\.0")
                    .containsPattern("clipstream_lag_partition_records\\{group=\"" + group
                            + "\",[^}]*partition=\"0\"[^}]*} 10\\.0")
                    .containsPattern("clipstream_lag_partition_seconds\\{group=\"" + group + "\"");
        }
    }

    @Test
    void pageDrawsAChartPerGroupFromApiLagInHeadlessChromium() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM), "Headless browser test skipped: " + CHROMIUM
                + " not found. Install Debian's chromium package (apt-get install -y chromium) to run it.");
        String group = KafkaFixture.group("page-chart");
        try (LagMonitor monitor = monitorWithLag(group)) {
            await().atMost(Duration.ofSeconds(30)).until(() -> monitor.history().snapshot()
                    .getOrDefault(group, List.of()).size() >= 3);

            String dom = dumpDom(monitor.pageUri());

            Matcher section = Pattern.compile("<section class=\"group\" data-group=\"" + Pattern.quote(group)
                    + "\" data-points=\"(\\d+)\" data-status=\"(\\w+)\"").matcher(dom);
            assertThat(section.find()).as("a section for %s in the rendered DOM:%n%s", group, dom).isTrue();
            assertThat(Integer.parseInt(section.group(1))).as("data points from /api/lag").isGreaterThanOrEqualTo(3);
            assertThat(section.group(2)).isEqualTo("STOPPED");
            String afterSection = dom.substring(section.start());
            assertThat(afterSection).contains("class=\"uplot").contains("<canvas")
                    .contains("10 records behind").contains("records behind");
            assertThat(dom).containsPattern("<body data-updates=\"[1-9]");
        }
    }

    /** Chromium loads the page, runs its scripts (virtual time lets the fetches finish) and prints the DOM. */
    private static String dumpDom(URI page) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory("lag-chromium-");
        try {
            List<String> command = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox",
                    "--disable-gpu", "--no-first-run", "--disable-background-networking",
                    "--disable-component-update", "--disable-sync", "--user-data-dir=" + profile,
                    "--window-size=1200,900", "--virtual-time-budget=4000", "--dump-dom", page.toString()));
            Path out = profile.resolve("dom.html");
            Path err = profile.resolve("stderr.txt");
            Process chromium = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                    .start();
            if (!chromium.waitFor(60, TimeUnit.SECONDS)) {
                chromium.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                throw new AssertionError("chromium did not finish within 60 s: " + Files.readString(err));
            }
            String dom = Files.readString(out, StandardCharsets.UTF_8);
            assertThat(chromium.exitValue()).as("chromium exit; stderr: %s", Files.readString(err)).isZero();
            return dom;
        } finally {
            deleteRecursively(profile);
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        try (var paths = Files.walk(dir)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
