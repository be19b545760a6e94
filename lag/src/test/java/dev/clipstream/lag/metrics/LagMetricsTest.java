package dev.clipstream.lag.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clipstream.lag.model.GroupLag;
import dev.clipstream.lag.model.LagSnapshot;
import dev.clipstream.lag.model.LagStatus;
import dev.clipstream.lag.model.PartitionCondition;
import dev.clipstream.lag.model.PartitionLag;
import dev.clipstream.lag.model.UnitLag;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class LagMetricsTest {

    private static GroupLag group(String name, LagStatus status, PartitionLag... partitions) {
        return new GroupLag(name, "CLASSIC", "STABLE", 1, status, "", 7, 2500L,
                new UnitLag(3, 30.0, 3000, 3, false, 0), List.of(partitions), null);
    }

    private static PartitionLag partition(int p, Long lag) {
        return new PartitionLag("clips.uploaded", p, lag == null ? null : 10L, 0, 17, lag, lag == null ? null : 2500L,
                null, 0, null, lag == null ? PartitionCondition.NO_COMMITTED_OFFSET : PartitionCondition.NORMAL,
                null, "");
    }

    @Test
    void publishesGroupAndPartitionGaugesUndefinedAsNaNAndRemovesVanishedOnes() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        LagMetrics metrics = new LagMetrics(registry);

        metrics.update(new LagSnapshot(Instant.now(), 12, List.of(
                group("a", LagStatus.STALLED, partition(0, 7L), partition(1, null)),
                group("b", LagStatus.OK, partition(0, 0L)))));
        String scrape = registry.scrape();
        assertThat(scrape).contains("clipstream_lag_group_records{group=\"a\"} 7.0")
                .contains("clipstream_lag_group_status{group=\"a\"} 2.0")
                .contains("clipstream_lag_group_seconds{group=\"a\"} 2.5")
                .contains("clipstream_lag_group_clips{group=\"a\"} 3.0")
                .contains("clipstream_lag_group_video_seconds{group=\"a\"} 30.0")
                .contains("clipstream_lag_partition_records{group=\"a\",partition=\"0\",topic=\"clips.uploaded\"} 7.0")
                .contains("clipstream_lag_partition_records{group=\"a\",partition=\"1\",topic=\"clips.uploaded\"} NaN")
                .contains("clipstream_lag_evaluation_seconds_count 1");

        metrics.update(new LagSnapshot(Instant.now(), 5, List.of(group("a", LagStatus.OK, partition(0, 1L)))));
        String after = registry.scrape();
        assertThat(after).contains("clipstream_lag_group_status{group=\"a\"} 0.0")
                .contains("clipstream_lag_partition_records{group=\"a\",partition=\"0\",topic=\"clips.uploaded\"} 1.0")
                .doesNotContain("group=\"b\"").doesNotContain("partition=\"1\"");

        metrics.update(new LagSnapshot(Instant.now(), 5, List.of(group("c", LagStatus.OK, partition(0, null)))));
        assertThat(registry.scrape()).as("no commits anywhere: undefined, not caught up")
                .contains("clipstream_lag_group_records{group=\"c\"} NaN");
    }
}
