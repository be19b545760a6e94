package dev.clipstream.lag.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clipstream.lag.model.GroupLag;
import dev.clipstream.lag.model.LagSnapshot;
import dev.clipstream.lag.model.LagStatus;
import dev.clipstream.lag.model.PartitionCondition;
import dev.clipstream.lag.model.PartitionLag;
import dev.clipstream.lag.model.UnitLag;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class LagTableRendererTest {

    @Test
    void showsStatusUnitsEstimateAndConditionsPerPartition() {
        PartitionLag behind = new PartitionLag("clips.uploaded", 0, 5L, 12, 20, 8L, 95_000L, 1L, 7,
                new UnitLag(8, 80.0, 8 * 1024 * 1024, 2, true, 0), PartitionCondition.BEHIND_LOG_START,
                "labeling-1@/10.0.0.1", "committed offset 5 is behind log start 12");
        PartitionLag none = new PartitionLag("clips.uploaded", 1, null, 0, 3, null, null, null, 0, null,
                PartitionCondition.NO_COMMITTED_OFFSET, null, "no committed offset");
        GroupLag group = new GroupLag("clipstream-labeling", "STREAMS", "STABLE", 2, LagStatus.STALLED,
                "committed offset did not move", 8, 95_000L, new UnitLag(8, 80.0, 8 * 1024 * 1024, 2, true, 0),
                List.of(behind, none), null);

        String table = LagTableRenderer.render(new LagSnapshot(Instant.parse("2026-11-29T03:00:00Z"), 42,
                List.of(group)), true);

        assertThat(table).contains("clipstream-labeling  STALLED  2 member(s), STREAMS/STABLE")
                .contains("lag: 8 records, oldest unconsumed 1.6min, ~8 clips/~80.0s video/~8.0MiB")
                .contains("STALLED: committed offset did not move")
                .contains("BEHIND_LOG_START: committed offset 5 is behind log start 12")
                .containsPattern("clips.uploaded-1 +- +0 +3 +undefined +unknown")
                .contains("NO_COMMITTED_OFFSET");
        assertThat(LagTableRenderer.render(new LagSnapshot(Instant.now(), 1, List.of(group)), false))
                .doesNotContain("TOPIC-PARTITION");
    }
}
