package dev.clipstream.fleet.upload;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UploadJournalTest {

    private static final UUID A = UUID.fromString("00000000-0000-4000-8000-00000000000a");
    private static final UUID B = UUID.fromString("00000000-0000-4000-8000-00000000000b");
    private static final UUID C = UUID.fromString("00000000-0000-4000-8000-00000000000c");

    @Test
    void aReopenedJournalKnowsTheLastStateOfEachClip(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("sub/push.journal");
        try (UploadJournal journal = UploadJournal.open(file)) {
            journal.inFlight(A, "veh-00001");
            journal.accepted(A, "veh-00001");
            journal.inFlight(B, "veh-00002");
            journal.inFlight(C, "veh-00003");
            journal.failed(C, "veh-00003");
        }

        try (UploadJournal journal = UploadJournal.open(file)) {
            assertThat(journal.state(A)).contains(UploadJournal.State.ACCEPTED);
            assertThat(journal.state(B)).contains(UploadJournal.State.IN_FLIGHT);
            assertThat(journal.state(C)).contains(UploadJournal.State.FAILED);
            assertThat(journal.state(new UUID(1, 1))).isEmpty();
            journal.accepted(B, "veh-00002");
        }
        assertThat(Files.readAllLines(file)).hasSize(6).last().isEqualTo("ACCEPTED " + B + " veh-00002");
    }

    @Test
    void aLineTornByACrashIsIgnoredAndTheNextRecordStartsOnItsOwnLine(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("push.journal");
        Files.writeString(file, "ACCEPTED " + A + " veh-00001\nACCEPTED " + B.toString().substring(0, 20),
                StandardCharsets.UTF_8);

        try (UploadJournal journal = UploadJournal.open(file)) {
            assertThat(journal.state(A)).contains(UploadJournal.State.ACCEPTED);
            assertThat(journal.state(B)).isEmpty();
            journal.accepted(C, "veh-00003");
        }
        try (UploadJournal journal = UploadJournal.open(file)) {
            assertThat(journal.state(C)).contains(UploadJournal.State.ACCEPTED);
            assertThat(journal.counts()).containsEntry(UploadJournal.State.ACCEPTED, 2L);
        }
        Files.writeString(file, "garbage line\n", StandardOpenOption.APPEND);
        try (UploadJournal journal = UploadJournal.open(file)) {
            assertThat(journal.counts()).containsEntry(UploadJournal.State.ACCEPTED, 2L);
        }
    }
}
