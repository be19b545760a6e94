package dev.clipstream.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DemoSummaryTest {

    @Test
    void aRunWithNothingUnaccountedSucceedsAndSaysWhereEveryClipIs() {
        DemoSummary summary = summary(account(0, 0));

        assertThat(summary.succeeded()).isTrue();
        String text = String.join("\n", summary.lines());
        assertThat(text).containsPattern("Clips uploaded by the fleet\\s+120")
                .containsPattern("refused by ingest\\s+2\\s+429 rate-limited 2")
                .containsPattern("Clips on clips.uploaded\\s+118")
                .containsPattern("batched\\s+30")
                .containsPattern("rejected: DUPLICATE\\s+3")
                .containsPattern("rejected: NO_ACTIVE_CAMPAIGN\\s+80")
                .containsPattern("still in flight\\s+5\\s+waiting for labeling 1, inside labeling 0, in open batches 4")
                .containsPattern("UNACCOUNTED\\s+0")
                .containsPattern("Jobs placed\\s+12\\s+dojo 8, nvidia 4")
                .containsPattern("Batches completed\\s+10\\s+dojo 7, nvidia 3; 25 clip slots; Dojo 70%, Nvidia 30%")
                .containsPattern("Batches still in flight\\s+1")
                .contains("4 batches fell back to Nvidia while Dojo was down; 2 placed on Dojo after it returned")
                .contains("Resident memory", "1,000 MB", "Kafka broker 400 MB")
                .contains("Result: OK");
    }

    @Test
    void anUnaccountedClipFailsTheRunAndIsNamed() {
        DemoSummary summary = summary(account(1, 0));

        assertThat(summary.succeeded()).isFalse();
        assertThat(String.join("\n", summary.lines())).containsPattern("UNACCOUNTED\\s+1\\s+LOST: clip-x")
                .contains("Result: FAILED - 1 clip(s) unaccounted");
    }

    @Test
    void aClipBothBatchedAndRejectedFailsTheRun() {
        DemoSummary summary = summary(account(0, 2));

        assertThat(summary.succeeded()).isFalse();
        assertThat(String.join("\n", summary.lines())).containsPattern("batched AND rejected\\s+2");
    }

    static ClipAccount account(long unaccounted, long inconsistent) {
        return new ClipAccount(118 + unaccounted, 30, Map.of("DUPLICATE", 3L, "NO_ACTIVE_CAMPAIGN", 80L), 1, 0, 4,
                unaccounted, inconsistent, unaccounted == 0 ? List.of() : List.of("clip-x (read by labeling, no output)"));
    }

    static DemoFigures figures(ClipAccount account) {
        DispatchTotals dispatch = new DispatchTotals(11, 27, Map.of("dojo", 8L, "nvidia", 4L), Map.of("dojo", 1L),
                Map.of("dojo", 7L, "nvidia", 3L), 25);
        return new DemoFigures("done", Duration.ofSeconds(95), Duration.ofSeconds(60), Duration.ofSeconds(60), 50,
                120, 118, Map.of("429 rate-limited", 2L), account, 35, dispatch,
                List.of(new DemoFigures.GroupLagLine("clipstream-labeling", 0, "OK")), "Dojo is back UP",
                900L << 20);
    }

    private static DemoSummary summary(ClipAccount account) {
        return new DemoSummary(figures(account), Duration.ofSeconds(95), OutageScript.State.RECOVERED, 4, 2, true,
                1000L << 20, Map.of("demo JVM", 400L << 20, "Kafka broker", 400L << 20, "schema registry", 200L << 20));
    }
}
