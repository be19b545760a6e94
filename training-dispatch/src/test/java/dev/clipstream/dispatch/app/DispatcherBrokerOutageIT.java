package dev.clipstream.dispatch.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.clipstream.backends.api.JobState;
import dev.clipstream.devstack.DevStack;
import dev.clipstream.devstack.DevStackOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The broker goes away for longer than the dispatcher's Kafka clients wait (max.block.ms and the API timeout are
 * 5 s here, 60 s by default: the same as a 2-minute outage with default settings). The dispatch loop fails on a
 * transaction it cannot commit; the dispatcher must rebuild it from the events topic, without a restart of the
 * process, and every batch, from before and after the outage, must train exactly once.
 */
@Timeout(value = 6, unit = TimeUnit.MINUTES)
class DispatcherBrokerOutageIT {

    @Test
    void aBrokerOutageLongerThanTheClientTimeoutsEndsInARebuiltLoopAndNothingLostOrTrainedTwice() throws Exception {
        try (DevStack own = DevStack.start(DevStackOptions.defaults());
             DispatchHarness harness = new DispatchHarness(41, own, false)) {
            DispatcherApp app = harness.startDispatcher(harness.settings.withKafkaOverrides(
                    Map.of("max.block.ms", "5000", "delivery.timeout.ms", "5000", "request.timeout.ms", "4000"),
                    Map.of("default.api.timeout.ms", "5000", "request.timeout.ms", "4000")));
            await().atMost(Duration.ofSeconds(60)).until(app::ready);
            harness.dojoFaults.slowdown(5); // jobs of ~15 s: they end while the broker is away
            List<String> batchIds = new ArrayList<>(harness.publishBatches(3));
            await().atMost(Duration.ofSeconds(60)).until(() -> harness.dojo.simulator().jobs().stream()
                    .filter(job -> job.state() == JobState.RUNNING).count() == 3);

            own.kafka().stop();
            // The jobs finish on the backend; recording that needs a transaction, which cannot commit.
            await("the dispatch loop failed and is being rebuilt").atMost(Duration.ofSeconds(90))
                    .until(() -> app.loopRestarts() >= 1);
            assertThat(app.ready()).as("ready while rebuilding").isFalse();
            own.kafka().restart();
            harness.dojoFaults.slowdown(1);

            await("ready again").atMost(Duration.ofSeconds(120)).until(app::ready);
            batchIds.addAll(harness.publishBatches(4));
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                    .until(() -> harness.completedCounts().size() == batchIds.size());
            harness.assertEachCompletedExactlyOnce(batchIds);
        }
    }
}
