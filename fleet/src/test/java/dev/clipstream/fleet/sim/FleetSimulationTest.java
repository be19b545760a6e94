package dev.clipstream.fleet.sim;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clipstream.fleet.metadata.MetadataSettings;
import dev.clipstream.fleet.testing.FakeIngest;
import dev.clipstream.fleet.upload.ClipOutcome;
import dev.clipstream.fleet.upload.RetryPolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FleetSimulationTest {

    private static FleetSettings settings(FakeIngest ingest, int vehicles, int clips) {
        return FleetSettings.of(ingest.baseUri(), vehicles, clips, "s3cret")
                .withClipBytes(20_000, 60_000)
                .withConcurrency(4)
                .withRetry(new RetryPolicy(5, Duration.ofMillis(5), Duration.ofMillis(20), Duration.ofSeconds(5)))
                .withProgressInterval(Duration.ofMillis(50));
    }

    @Test
    void everyClipOfEveryVehicleIsUploadedOnceWithBoundedConcurrency() throws Exception {
        try (FakeIngest ingest = new FakeIngest()) {
            List<Object> progress = new CopyOnWriteArrayList<>();
            FleetSummary summary = FleetSimulation.run(settings(ingest, 3, 4), new FleetListener() {
                @Override
                public void progress(dev.clipstream.fleet.progress.UploadStats.Snapshot snapshot) {
                    progress.add(snapshot);
                }
            });

            assertThat(summary.allAccepted()).isTrue();
            assertThat(summary.createdClipIds()).hasSize(12).doesNotHaveDuplicates();
            assertThat(summary.totals().created()).isEqualTo(12);
            assertThat(ingest.puts()).hasSize(12);
            assertThat(ingest.puts()).extracting(FakeIngest.Received::bodyBytes)
                    .allMatch(size -> size >= 20_000 && size <= 60_000);
            assertThat(ingest.puts()).extracting(r -> r.path().split("/")[3])
                    .containsOnly("veh-00001", "veh-00002", "veh-00003");
            assertThat(ingest.puts()).allMatch(r -> r.header("Clip-Sha256").equals(r.bodySha256()));
            assertThat(ingest.createdCounts().values()).containsOnly(1);
        }
    }

    @Test
    void aSecondRunWithTheSameSeedAndJournalSendsNothingAgain(@TempDir Path dir) throws Exception {
        Path journal = dir.resolve("push.journal");
        try (FakeIngest ingest = new FakeIngest()) {
            FleetSummary first = FleetSimulation.run(settings(ingest, 2, 3).withJournal(journal), FleetListener.NONE);
            FleetSummary second = FleetSimulation.run(settings(ingest, 2, 3).withJournal(journal), FleetListener.NONE);

            assertThat(first.createdClipIds()).hasSize(6);
            assertThat(second.outcomes()).extracting(ClipOutcome::status)
                    .containsOnly(ClipOutcome.Status.ACCEPTED_EARLIER).hasSize(6);
            assertThat(Set.copyOf(second.acceptedClipIds())).isEqualTo(Set.copyOf(first.acceptedClipIds()));
            assertThat(ingest.puts()).hasSize(6);
        }
    }

    @Test
    void withoutAJournalTheSameSeedGivesTheSameIdsAndIngestAnswersAlreadyAccepted() throws Exception {
        try (FakeIngest ingest = new FakeIngest()) {
            FleetSummary first = FleetSimulation.run(settings(ingest, 2, 2), FleetListener.NONE);
            FleetSummary again = FleetSimulation.run(settings(ingest, 2, 2), FleetListener.NONE);
            FleetSummary otherSeed = FleetSimulation.run(settings(ingest, 2, 2)
                    .withMetadata(MetadataSettings.defaults(43)), FleetListener.NONE);

            assertThat(again.totals().alreadyAccepted()).isEqualTo(4);
            assertThat(again.createdClipIds()).isEmpty();
            assertThat(Set.copyOf(again.acceptedClipIds())).isEqualTo(Set.copyOf(first.acceptedClipIds()));
            assertThat(otherSeed.createdClipIds()).hasSize(4).doesNotContainAnyElementsOf(first.acceptedClipIds());
            assertThat(ingest.createdCounts().values()).containsOnly(1);
        }
    }

    @Test
    void inFlightClipsOfAnInterruptedRunAreCheckedWithGetBeforeSendingBytes(@TempDir Path dir) throws Exception {
        Path journal = dir.resolve("push.journal");
        try (FakeIngest ingest = new FakeIngest()) {
            FleetSummary first = FleetSimulation.run(settings(ingest, 1, 2), FleetListener.NONE);
            // As if the process died after the server accepted the clips but before it journaled that.
            StringBuilder lines = new StringBuilder();
            for (UUID id : first.acceptedClipIds()) {
                lines.append("IN_FLIGHT ").append(id).append(" veh-00001\n");
            }
            Files.writeString(journal, lines);

            FleetSummary resumed = FleetSimulation.run(settings(ingest, 1, 2).withJournal(journal), FleetListener.NONE);

            assertThat(resumed.outcomes()).extracting(ClipOutcome::status)
                    .containsOnly(ClipOutcome.Status.ALREADY_ACCEPTED);
            assertThat(ingest.puts()).hasSize(2);
            assertThat(ingest.received()).filteredOn(r -> r.method().equals("GET")).hasSize(2);
        }
    }

    @Test
    void aDurationRunStopsStartingClipsWhenTimeIsUp() throws Exception {
        try (FakeIngest ingest = new FakeIngest()) {
            FleetSummary summary = FleetSimulation.run(settings(ingest, 2, 1_000_000).withDuration(Duration.ofMillis(700)),
                    FleetListener.NONE);

            assertThat(summary.totals().created()).isPositive();
            assertThat(summary.totals().elapsed()).isLessThan(Duration.ofSeconds(10));
            assertThat(new HashSet<>(summary.createdClipIds())).hasSameSizeAs(summary.createdClipIds());
        }
    }

    @Test
    void clipIdsAreCanonicalVersion4UuidsDerivedFromSeedVehicleAndIndex() {
        UUID id = ClipIds.simulated(42, "veh-00001", 0);

        assertThat(id.version()).isEqualTo(4);
        assertThat(id.variant()).isEqualTo(2);
        assertThat(id.toString()).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
        assertThat(ClipIds.simulated(42, "veh-00001", 0)).isEqualTo(id);
        assertThat(ClipIds.simulated(42, "veh-00001", 1)).isNotEqualTo(id);
        assertThat(ClipIds.simulated(42, "veh-00002", 0)).isNotEqualTo(id);
        assertThat(ClipIds.simulated(43, "veh-00001", 0)).isNotEqualTo(id);
    }
}
