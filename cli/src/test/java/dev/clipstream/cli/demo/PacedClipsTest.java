package dev.clipstream.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clipstream.fleet.metadata.Anomaly;
import dev.clipstream.fleet.upload.ClipTask;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PacedClipsTest {

    private final AtomicInteger handedOut = new AtomicInteger();
    private final ClipTask task = new ClipTask("veh-00001", UUID.randomUUID(), Anomaly.NONE, () -> null);

    @Test
    void clipsAreHandedOutAtTheRateNotFaster() {
        PacedClips paced = new PacedClips(() -> {
            handedOut.incrementAndGet();
            return Optional.of(task);
        }, 20);
        long start = System.nanoTime();
        for (int i = 0; i < 6; i++) {
            assertThat(paced.next()).isPresent();
        }
        // Slots at 0, 50, ..., 250 ms: the sixth clip cannot come before 250 ms.
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(250));
        assertThat(handedOut).hasValue(6);
    }

    @Test
    void stopReleasesAWaitingWorkerWithoutAClip() throws Exception {
        PacedClips paced = new PacedClips(() -> Optional.of(task), 0.01); // one clip per 100 s
        assertThat(paced.next()).isPresent();
        CompletableFuture<Optional<ClipTask>> waiting = CompletableFuture.supplyAsync(paced::next);
        paced.stop();
        assertThat(waiting.get(5, TimeUnit.SECONDS)).isEmpty();
    }

    @Test
    void theRateIsVehiclesPerInterval() {
        assertThat(PacedClips.rate(50, Duration.ofSeconds(2))).isEqualTo(25.0);
        assertThat(PacedClips.rate(5, Duration.ofMillis(500))).isEqualTo(10.0);
    }
}
