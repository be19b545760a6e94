package dev.clipstream.dispatch.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class PlacementPolicyTest {

    private static final Instant NOW = Instant.parse("2026-11-29T03:00:00Z");
    private static final PlacementPolicy POLICY =
            new PlacementPolicy(PolicySettings.uniform(List.of("dojo", "nvidia"), Duration.ofSeconds(30)));

    @Test
    void prefersDojoWhileItHasFreeSlots() {
        List<Placement> placements = POLICY.place(List.of(live("b1", 0), live("b2", 0)),
                Map.of("dojo", BackendAvailability.up("dojo", 2, 4), "nvidia", BackendAvailability.up("nvidia", 8, 8)),
                NOW);

        assertThat(placements).extracting(Placement::backend).containsExactly("dojo", "dojo");
        assertThat(placements.get(0).reason()).startsWith("preferred backend: dojo has 2 free job slots");
        assertThat(placements.get(0).alternatives())
                .containsExactly("dojo: chosen (2 free job slots)", "nvidia: lower preference (8 free job slots)");
    }

    @Test
    void aBatchWaitsForAFullDojoUntilMaxWaitThenFallsBackToNvidia() {
        Map<String, BackendAvailability> dojoFull =
                Map.of("dojo", BackendAvailability.up("dojo", 0, 4), "nvidia", BackendAvailability.up("nvidia", 3, 8));

        assertThat(POLICY.place(List.of(live("young", 29)), dojoFull, NOW)).isEmpty();
        List<Placement> placements = POLICY.place(List.of(live("old", 30)), dojoFull, NOW);

        assertThat(placements).singleElement().satisfies(placement -> {
            assertThat(placement.backend()).isEqualTo("nvidia");
            assertThat(placement.reason()).contains("waited 30.0s (max-wait 30.0s)").contains("dojo full");
            assertThat(placement.alternatives()).containsExactly("dojo: skipped (full (0 free job slots))",
                    "nvidia: chosen (3 free job slots)");
        });
    }

    @Test
    void fallsBackAtOnceWhenMaxWaitIsZero() {
        PlacementPolicy noWait =
                new PlacementPolicy(PolicySettings.uniform(List.of("dojo", "nvidia"), Duration.ZERO));

        assertThat(noWait.place(List.of(live("b", 0)),
                Map.of("dojo", BackendAvailability.up("dojo", 0, 4), "nvidia", BackendAvailability.up("nvidia", 1, 8)),
                NOW)).extracting(Placement::backend).containsExactly("nvidia");
    }

    @Test
    void fallsBackAtOnceWhenDojoIsDownOrNotAnswering() {
        Map<String, BackendAvailability> dojoDown =
                Map.of("dojo", BackendAvailability.down("dojo", 4), "nvidia", BackendAvailability.up("nvidia", 1, 8));
        Map<String, BackendAvailability> dojoSilent =
                Map.of("dojo", BackendAvailability.notAnswering("dojo"), "nvidia", BackendAvailability.up("nvidia", 1, 8));

        assertThat(POLICY.place(List.of(live("b", 0)), dojoDown, NOW)).singleElement().satisfies(placement -> {
            assertThat(placement.backend()).isEqualTo("nvidia");
            assertThat(placement.reason()).startsWith("dojo unavailable (state DOWN); fell back");
        });
        assertThat(POLICY.place(List.of(live("b", 0)), dojoSilent, NOW))
                .extracting(Placement::backend).containsExactly("nvidia");
    }

    @Test
    void returnsToDojoOnceItRecovers() {
        List<WaitingBatch> batches = List.of(live("b1", 0));
        Map<String, BackendAvailability> during =
                Map.of("dojo", BackendAvailability.down("dojo", 4), "nvidia", BackendAvailability.up("nvidia", 5, 8));
        Map<String, BackendAvailability> after =
                Map.of("dojo", BackendAvailability.up("dojo", 4, 4), "nvidia", BackendAvailability.up("nvidia", 5, 8));

        assertThat(POLICY.place(batches, during, NOW)).extracting(Placement::backend).containsExactly("nvidia");
        assertThat(POLICY.place(batches, after, NOW)).extracting(Placement::backend).containsExactly("dojo");
    }

    @Test
    void liveBatchesGoBeforeOlderReplayBatches() {
        List<WaitingBatch> batches = List.of(replay("replay-old", 600), live("live-new", 0), live("live-newer", 0));

        List<Placement> placements = POLICY.place(batches,
                Map.of("dojo", BackendAvailability.up("dojo", 2, 4), "nvidia", BackendAvailability.up("nvidia", 0, 8)),
                NOW);

        assertThat(placements).extracting(Placement::batchId).containsExactly("live-new", "live-newer");
    }

    @Test
    void perPriorityOrdersAndWaitsAreHonoured() {
        PlacementPolicy policy = new PlacementPolicy(new PolicySettings(
                List.of(BatchPriority.LIVE, BatchPriority.REPLAY),
                Map.of(BatchPriority.LIVE, List.of("dojo", "nvidia"), BatchPriority.REPLAY, List.of("dojo")),
                Map.of(BatchPriority.LIVE, Duration.ZERO, BatchPriority.REPLAY, Duration.ZERO)));

        List<Placement> placements = policy.place(List.of(replay("r", 100), live("l", 0)),
                Map.of("dojo", BackendAvailability.up("dojo", 0, 4), "nvidia", BackendAvailability.up("nvidia", 4, 8)),
                NOW);

        assertThat(placements).extracting(Placement::batchId, Placement::backend)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("l", "nvidia"));
    }

    @Test
    void skipsBatchesInBackoffAndExcludedBackends() {
        WaitingBatch backingOff = new WaitingBatch("later", BatchPriority.LIVE, NOW.minusSeconds(60),
                NOW.plusSeconds(1), Set.of());
        WaitingBatch notOnDojo = new WaitingBatch("not-dojo", BatchPriority.LIVE, NOW, Instant.EPOCH, Set.of("dojo"));

        List<Placement> placements = POLICY.place(List.of(backingOff, notOnDojo),
                Map.of("dojo", BackendAvailability.up("dojo", 4, 4), "nvidia", BackendAvailability.up("nvidia", 4, 8)),
                NOW);

        assertThat(placements).extracting(Placement::batchId, Placement::backend)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("not-dojo", "nvidia"));
    }

    @Property(tries = 300)
    void neverPlacesMoreThanTheFreeSlotsNorAHigherClassBatchLeftWithout(
            @ForAll @IntRange(min = 0, max = 40) int batchCount, @ForAll @IntRange(min = 0, max = 6) int dojoFree,
            @ForAll @IntRange(min = 0, max = 6) int nvidiaFree, @ForAll boolean dojoUp,
            @ForAll @IntRange(min = 0, max = 120) int ageSeed) {
        List<WaitingBatch> batches = new ArrayList<>();
        IntStream.range(0, batchCount).forEach(i -> batches.add(i % 3 == 0
                ? replay("r" + i, (ageSeed + i * 7) % 90) : live("l" + i, (ageSeed + i * 11) % 90)));
        Map<String, BackendAvailability> backends = Map.of(
                "dojo", dojoUp ? BackendAvailability.up("dojo", dojoFree, 6) : BackendAvailability.down("dojo", 6),
                "nvidia", BackendAvailability.up("nvidia", nvidiaFree, 6));

        List<Placement> placements = POLICY.place(batches, backends, NOW);

        long onDojo = placements.stream().filter(p -> p.backend().equals("dojo")).count();
        long onNvidia = placements.stream().filter(p -> p.backend().equals("nvidia")).count();
        assertThat(onDojo).isLessThanOrEqualTo(dojoUp ? dojoFree : 0);
        assertThat(onNvidia).isLessThanOrEqualTo(nvidiaFree);
        assertThat(placements).extracting(Placement::batchId).doesNotHaveDuplicates();
        // A REPLAY batch only gets a dojo slot when no LIVE batch is left waiting for dojo.
        boolean replayOnDojo = placements.stream().anyMatch(p -> p.batchId().startsWith("r") && p.backend().equals("dojo"));
        long liveLeft = batches.stream().filter(b -> b.priority() == BatchPriority.LIVE)
                .filter(b -> placements.stream().noneMatch(p -> p.batchId().equals(b.batchId()))).count();
        if (replayOnDojo) {
            assertThat(liveLeft).isZero();
        }
    }

    private static WaitingBatch live(String id, int ageSeconds) {
        return WaitingBatch.of(id, BatchPriority.LIVE, NOW.minusSeconds(ageSeconds));
    }

    private static WaitingBatch replay(String id, int ageSeconds) {
        return WaitingBatch.of(id, BatchPriority.REPLAY, NOW.minusSeconds(ageSeconds));
    }
}
