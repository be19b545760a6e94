package dev.clipstream.ingest.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.clipstream.ingest.testing.InProcessIngest;
import dev.clipstream.ingest.testing.TestClips;
import dev.clipstream.ingest.testing.UploadClient;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Closing the server lets an upload that is streaming finish, and refuses new ones meanwhile. */
class GracefulShutdownTest {

    @TempDir
    Path dir;

    @Test
    void anUploadInFlightFinishesWhileNewOnesGet503() throws Exception {
        InProcessIngest ingest = new InProcessIngest(dir, settings -> settings);
        byte[] clip = TestClips.mp4(50_000, 1);
        URI uri = ingest.client.clipUri(InProcessIngest.VEHICLE, UUID.randomUUID().toString());

        // A raw socket, not java.net.http: its body publisher reads ahead, so a body that pauses could hold back
        // bytes already read and the upload would never start. Here the first kilobyte is on the wire for sure.
        try (Socket socket = new Socket(uri.getHost(), uri.getPort())) {
            OutputStream out = socket.getOutputStream();
            StringBuilder head = new StringBuilder("PUT " + uri.getRawPath() + " HTTP/1.1\r\n")
                    .append("Host: ").append(uri.getHost()).append(':').append(uri.getPort()).append("\r\n")
                    .append("Content-Length: ").append(clip.length).append("\r\n")
                    .append("Connection: close\r\n");
            UploadClient.validHeaders(InProcessIngest.TOKEN, clip)
                    .forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
            out.write(head.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII));
            out.write(clip, 0, 1_000);
            out.flush();

            // The upload is streaming once its temp file exists.
            await().atMost(Duration.ofSeconds(30)).until(() -> !ingest.tempFiles().isEmpty());
            assertThat(ingest.server.inFlight()).isEqualTo(1);

            CompletableFuture<Void> closing = CompletableFuture.runAsync(ingest::close);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                byte[] other = TestClips.mp4(100, 2);
                UploadClient.Response refused = ingest.client.put(InProcessIngest.VEHICLE, UUID.randomUUID(),
                        InProcessIngest.TOKEN, other);
                assertThat(refused.status()).isEqualTo(503);
                assertThat(refused.headers().firstValue("Retry-After")).isPresent();
            });
            assertThat(closing).isNotDone();

            out.write(clip, 1_000, clip.length - 1_000);
            out.flush();
            String statusLine = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.US_ASCII)).readLine();
            assertThat(statusLine).startsWith("HTTP/1.1 201");
            closing.get();
        }
        assertThat(ingest.publisher.events).hasSize(1);
        assertThat(ingest.tempFiles()).isEmpty();
    }
}
