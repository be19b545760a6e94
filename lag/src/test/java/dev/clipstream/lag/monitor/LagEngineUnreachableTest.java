package dev.clipstream.lag.monitor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clipstream.lag.compute.PipelineUnits;
import dev.clipstream.lag.model.GroupLag;
import dev.clipstream.lag.model.LagSnapshot;
import dev.clipstream.lag.model.LagStatus;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** No broker answers: every watched group is ERROR with the reason, within the request timeout. */
class LagEngineUnreachableTest {

    @Test
    void everyWatchedGroupIsErrorWhenTheClusterCannotBeRead() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        LagSettings settings = LagSettings.defaults().withGroups(List.of("mine"))
                .withRequestTimeout(Duration.ofSeconds(1));
        long start = System.nanoTime();
        try (LagEngine engine = LagEngine.create(settings, "127.0.0.1:" + port, Map.of(), PipelineUnits.none())) {
            LagSnapshot snapshot = engine.evaluate();
            assertThat(snapshot.groups()).extracting(GroupLag::group)
                    .containsExactly("clipstream-labeling", "clipstream-dispatch", "mine");
            for (GroupLag group : snapshot.groups()) {
                assertThat(group.status()).isEqualTo(LagStatus.ERROR);
                assertThat(group.error()).startsWith("cannot list the cluster's groups");
                assertThat(group.statusReason()).contains("offsets cannot be read");
            }
        }
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(30));
    }
}
