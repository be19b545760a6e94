package dev.clipstream.ingest.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.clipstream.ingest.testing.InProcessIngest;
import dev.clipstream.ingest.testing.TestClips;
import dev.clipstream.ingest.testing.UploadClient;
import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
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
        CountDownLatch releaseRest = new CountDownLatch(1);
        InputStream slowBody = new InputStream() {
            private int position;

            @Override
            public int read() throws IOException {
                byte[] one = new byte[1];
                return read(one, 0, 1) == -1 ? -1 : one[0] & 0xFF;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) throws IOException {
                if (position == clip.length) {
                    return -1;
                }
                if (position >= 1_000) {
                    try {
                        releaseRest.await();
                    } catch (InterruptedException e) {
                        throw new IOException(e);
                    }
                }
                int n = Math.min(length, position < 1_000 ? 1_000 - position : clip.length - position);
                System.arraycopy(clip, position, buffer, offset, n);
                position += n;
                return n;
            }
        };
        UUID clipId = UUID.randomUUID();
        HttpRequest.Builder request = HttpRequest.newBuilder(ingest.client.clipUri(InProcessIngest.VEHICLE, clipId.toString()))
                .PUT(HttpRequest.BodyPublishers.fromPublisher(HttpRequest.BodyPublishers.ofInputStream(() -> slowBody),
                        clip.length));
        UploadClient.validHeaders(InProcessIngest.TOKEN, clip).forEach(request::header);
        CompletableFuture<UploadClient.Response> upload = CompletableFuture.supplyAsync(() -> ingest.client.send(request.build()));
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

        releaseRest.countDown();
        assertThat(upload.get().status()).isEqualTo(201);
        closing.get();
        assertThat(ingest.publisher.events).hasSize(1);
        assertThat(ingest.tempFiles()).isEmpty();
    }
}
