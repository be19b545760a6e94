package dev.clipstream.ingest.hostile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clipstream.ingest.IngestSettings;
import dev.clipstream.ingest.testing.InProcessIngest;
import dev.clipstream.ingest.testing.RawHttp;
import dev.clipstream.ingest.testing.TestClips;
import dev.clipstream.ingest.testing.UploadClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Slow-loris uploads over raw sockets, with small limits (idle 2 s, request head 2 s, at least 1 KiB/s of body):
 * headers trickled byte by byte, a body trickled at 1 byte/s, and a body that stops. Each is cut off within a few
 * seconds of its limit and leaves nothing behind (no temp file, no blob, no event).
 */
class SlowClientsTest {

    private static final Duration IDLE = Duration.ofSeconds(2);
    private static final Duration HEAD = Duration.ofSeconds(2);
    /** The limit plus sweeps and scheduling slack on a busy 2-core machine. */
    private static final Duration CUT_OFF_WITHIN = Duration.ofSeconds(8);

    @TempDir
    Path dir;

    private InProcessIngest ingest;

    @BeforeEach
    void start() {
        ingest = new InProcessIngest(dir, settings -> settings
                .withConnectionLimits(new IngestSettings.ConnectionLimits(IDLE, HEAD, 1024)));
    }

    @AfterEach
    void stop() {
        ingest.close();
    }

    private static void pause(Duration duration) {
        // Pacing the client's own writes, not waiting for the server: a fixed pause is the point here.
        LockSupport.parkNanos(duration.toNanos());
    }

    private byte[] head(byte[] clip) {
        Map<String, String> headers = new LinkedHashMap<>(UploadClient.validHeaders(InProcessIngest.TOKEN, clip));
        headers.put("Content-Length", Integer.toString(clip.length));
        return RawHttp.head("PUT", "/v1/vehicles/" + InProcessIngest.VEHICLE + "/clips/" + UUID.randomUUID(),
                ingest.server.baseUri(), headers);
    }

    private void assertNothingLeft() {
        assertThat(ingest.publisher.events).as("events").isEmpty();
        assertThat(ingest.blobFiles()).as("blobs").isEmpty();
        assertThat(ingest.tempFiles()).as("temp files").isEmpty();
        assertThat(ingest.server.inFlight()).as("requests in flight").isZero();
    }

    @Test
    void headersTrickledByteByByteAreCutOffAfterTheRequestHeadTimeout() {
        byte[] head = head(TestClips.mp4(1_000, 1));
        long started = System.nanoTime();
        boolean open = true;
        int sent = 0;
        try (RawHttp http = new RawHttp(ingest.server.baseUri(), Duration.ofSeconds(1))) {
            // One byte every 250 ms: never idle for 2 s, yet the head would take minutes.
            while (open && sent < head.length - 1 && elapsed(started).compareTo(Duration.ofSeconds(30)) < 0) {
                open = http.send(head, sent, 1);
                sent++;
                pause(Duration.ofMillis(250));
                if (open && elapsed(started).compareTo(HEAD) > 0) {
                    open = !http.closedByServerWithin();
                }
            }
        }
        Duration took = elapsed(started);
        LoggerFactory.getLogger(SlowClientsTest.class).info("Trickled head: closed after {} ms ({} bytes sent)",
                took.toMillis(), sent);
        assertThat(open).as("the server closed the connection (sent %d of %d head bytes)", sent, head.length)
                .isFalse();
        assertThat(took).as("cut off after").isBetween(HEAD, HEAD.plus(CUT_OFF_WITHIN));
        assertNothingLeft();
    }

    @Test
    void aBodyTrickledAtOneBytePerSecondGets408AndTheConnectionIsClosed() {
        byte[] clip = TestClips.mp4(1_000, 2);
        long started;
        RawHttp.Response response;
        try (RawHttp http = new RawHttp(ingest.server.baseUri(), Duration.ofMillis(100))) {
            http.send(head(clip));
            started = System.nanoTime();
            int sent = 0;
            response = null;
            while (sent < clip.length && elapsed(started).compareTo(Duration.ofSeconds(30)) < 0) {
                if (!http.send(clip, sent, 1)) {
                    break;
                }
                sent++;
                pause(Duration.ofSeconds(1));
                RawHttp.Response answer = http.read();
                if (answer.status() > 0 || !answer.how().equals("timeout")) {
                    response = answer;
                    break;
                }
            }
            assertThat(http.closedByServer()).as("the connection is closed after the 408").isTrue();
        }
        Duration took = elapsed(started);
        LoggerFactory.getLogger(SlowClientsTest.class).info("Body at 1 byte/s: {} after {} ms",
                response == null ? "nothing" : response.status(), took.toMillis());
        assertThat(response).as("an answer or a close came").isNotNull();
        assertThat(response.status()).as(response.toString()).isEqualTo(408);
        assertThat(response.isJsonError()).as(response.toString()).isTrue();
        assertThat(response.json().path("error").asText()).isEqualTo("request-timeout");
        assertThat(took).as("cut off after").isBetween(IDLE, IDLE.plus(CUT_OFF_WITHIN));
        assertNothingLeft();
    }

    @Test
    void aBodyThatStopsIsCutOffAfterTheIdleTimeoutAndLeavesNoTempFile() {
        byte[] clip = TestClips.mp4(10_000, 3);
        long started;
        boolean closed;
        try (RawHttp http = new RawHttp(ingest.server.baseUri(), IDLE.plus(CUT_OFF_WITHIN))) {
            http.send(head(clip));
            http.send(clip, 0, 5_000);
            started = System.nanoTime();
            // The upload is streaming into a temp file now; then the client goes silent.
            org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> !ingest.tempFiles().isEmpty());
            RawHttp.Response response = http.read();
            closed = response.status() == 408 || response.status() < 0;
            if (response.status() > 0) {
                assertThat(response.isJsonError()).as(response.toString()).isTrue();
            }
        }
        LoggerFactory.getLogger(SlowClientsTest.class).info("Stalled body: 408 or closed after {} ms",
                elapsed(started).toMillis());
        assertThat(closed).as("408 or closed").isTrue();
        assertThat(elapsed(started)).as("cut off after").isBetween(IDLE.minusMillis(500), IDLE.plus(CUT_OFF_WITHIN));
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).untilAsserted(this::assertNothingLeft);
    }

    @Test
    void aConnectionThatSendsNothingIsClosedAfterTheIdleTimeout() {
        long started = System.nanoTime();
        boolean closed;
        try (RawHttp http = new RawHttp(ingest.server.baseUri(), IDLE.plus(CUT_OFF_WITHIN))) {
            closed = http.closedByServer();
        }
        assertThat(closed).isTrue();
        assertThat(elapsed(started)).isBetween(IDLE.minusMillis(500), IDLE.plus(CUT_OFF_WITHIN));
        assertNothingLeft();
    }

    @Test
    void aNormalUploadStillWorksUnderTheseLimits() {
        byte[] clip = TestClips.mp4(50_000, 4);
        assertThat(ingest.client.put(InProcessIngest.VEHICLE, UUID.randomUUID(), InProcessIngest.TOKEN, clip).status())
                .isEqualTo(201);
    }

    private static Duration elapsed(long startedNanos) {
        return Duration.ofNanos(System.nanoTime() - startedNanos);
    }
}
