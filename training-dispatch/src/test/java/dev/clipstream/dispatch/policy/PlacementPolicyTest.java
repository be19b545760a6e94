package dev.clipstream.dispatch.policy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class PlacementPolicyTest {

    private static final Instant NOW = Instant.parse("2026-11-29T03:00:00Z");
    private static final PlacementPolicy POLICY =
            new PlacementPolicy(PolicySettings.uniform(List.of("dojo", "nvidia"), Duration.ofSeconds(30)));
    private static final long PROPERTY_BASE_SEED = 0x5EED_D15B_2026L;
    private static final int PROPERTY_CASES = 300;

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

    /** One generated scenario; every field comes from {@code caseSeed}. */
    record PlacementCase(long caseSeed, int batchCount, int dojoFree, int nvidiaFree, boolean dojoUp, int ageSeed) {

        static PlacementCase generate(long caseSeed) {
            Random random = new Random(caseSeed);
            return new PlacementCase(caseSeed, intIn(random, 0, 40), intIn(random, 0, 6), intIn(random, 0, 6),
                    random.nextBoolean(), intIn(random, 0, 120));
        }

        /** Uniform in [min, max], with the bounds themselves drawn more often, as edge cases. */
        private static int intIn(Random random, int min, int max) {
            return switch (random.nextInt(10)) {
                case 0 -> min;
                case 1 -> max;
                default -> min + random.nextInt(max - min + 1);
            };
        }

        @Override
        public String toString() {
            return "seed " + caseSeed + ": " + batchCount + " batches, dojo " + (dojoUp ? "up " + dojoFree + " free"
                    : "down") + ", nvidia " + nvidiaFree + " free, ageSeed " + ageSeed;
        }
    }

    static Stream<PlacementCase> placementCases() {
        String replay = System.getProperty("placement.properties.seed");
        if (replay != null && !replay.isBlank()) {
            return Stream.of(PlacementCase.generate(Long.parseLong(replay.trim())));
        }
        Random base = new Random(PROPERTY_BASE_SEED);
        return LongStream.generate(base::nextLong).limit(PROPERTY_CASES).mapToObj(PlacementCase::generate);
    }

    /** Replay one failing case with {@code -Dplacement.properties.seed=<seed>} (the seed is in the case name). */
    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("placementCases")
    void neverPlacesMoreThanTheFreeSlotsNorAHigherClassBatchLeftWithout(PlacementCase c) {
        String replayHint = c + " (replay with -Dplacement.properties.seed=" + c.caseSeed() + ")";
        List<WaitingBatch> batches = new ArrayList<>();
        IntStream.range(0, c.batchCount()).forEach(i -> batches.add(i % 3 == 0
                ? replay("r" + i, (c.ageSeed() + i * 7) % 90) : live("l" + i, (c.ageSeed() + i * 11) % 90)));
        Map<String, BackendAvailability> backends = Map.of(
                "dojo", c.dojoUp() ? BackendAvailability.up("dojo", c.dojoFree(), 6)
                        : BackendAvailability.down("dojo", 6),
                "nvidia", BackendAvailability.up("nvidia", c.nvidiaFree(), 6));

        List<Placement> placements = POLICY.place(batches, backends, NOW);

        long onDojo = placements.stream().filter(p -> p.backend().equals("dojo")).count();
        long onNvidia = placements.stream().filter(p -> p.backend().equals("nvidia")).count();
        assertThat(onDojo).as("placements on dojo, %s", replayHint).isLessThanOrEqualTo(c.dojoUp() ? c.dojoFree() : 0);
        assertThat(onNvidia).as("placements on nvidia, %s", replayHint).isLessThanOrEqualTo(c.nvidiaFree());
        assertThat(placements).extracting(Placement::batchId).as("placed batch ids, %s", replayHint)
                .doesNotHaveDuplicates();
        // A REPLAY batch only gets a dojo slot when no LIVE batch is left waiting for dojo.
        boolean replayOnDojo = placements.stream().anyMatch(p -> p.batchId().startsWith("r") && p.backend().equals("dojo"));
        long liveLeft = batches.stream().filter(b -> b.priority() == BatchPriority.LIVE)
                .filter(b -> placements.stream().noneMatch(p -> p.batchId().equals(b.batchId()))).count();
        if (replayOnDojo) {
            assertThat(liveLeft).as("LIVE batches left unplaced while a REPLAY batch got dojo, %s", replayHint)
                    .isZero();
        }
    }

    private static WaitingBatch live(String id, int ageSeconds) {
        return WaitingBatch.of(id, BatchPriority.LIVE, NOW.minusSeconds(ageSeconds));
    }

    private static WaitingBatch replay(String id, int ageSeconds) {
        return WaitingBatch.of(id, BatchPriority.REPLAY, NOW.minusSeconds(ageSeconds));
    }
}
