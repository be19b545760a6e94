package dev.clipstream.fleet.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clipstream.fleet.auth.FleetTokens;
import dev.clipstream.fleet.clip.ClipSpec;
import dev.clipstream.fleet.clip.Mp4Clip;
import dev.clipstream.fleet.testing.FakeIngest;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class PushCommandTest {

    private record Run(int exitCode, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine commandLine = new CommandLine(new PushCommand());
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        int code = commandLine.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void helpExplainsSimulationFilesResumeAndExitCodes() {
        Run help = run("--help");

        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("--vehicles", "--duration", "--clips", "--clip-size", "--concurrency",
                "--seed", "--fleet-secret", "--ingest-url", "--journal", "--vehicle", "--token", "Retry-After",
                "Resume", "Exit codes", "tokens");
    }

    @Test
    void simulatedFleetPushesEveryClipAndPrintsASummary(@TempDir Path dir) throws Exception {
        try (FakeIngest ingest = new FakeIngest()) {
            Run push = run("--ingest-url", ingest.baseUri().toString(), "--fleet-secret", "s3cret", "--vehicles", "2",
                    "--clips", "3", "--clip-size", "10KB", "--concurrency", "2", "--journal",
                    dir.resolve("j").toString());

            assertThat(push.exitCode()).as(push.err()).isZero();
            assertThat(push.out()).contains("Pushing 2 simulated vehicles x 3 clips of 10.0 KB", "Summary",
                    "clips created (201)                        6", "clips failed                               0");
            assertThat(ingest.puts()).hasSize(6);
            // The token of each request is the vehicle's fleet token.
            FleetTokens tokens = new FleetTokens("s3cret");
            assertThat(ingest.puts()).allMatch(r -> r.header("Authorization")
                    .equals("Bearer " + tokens.token(r.path().split("/")[3])));

            Run again = run("--ingest-url", ingest.baseUri().toString(), "--fleet-secret", "s3cret", "--vehicles", "2",
                    "--clips", "3", "--clip-size", "10KB", "--journal", dir.resolve("j").toString());
            assertThat(again.exitCode()).isZero();
            assertThat(again.out()).contains("clips skipped (journal: accepted before)   6");
            assertThat(ingest.puts()).hasSize(6);
        }
    }

    @Test
    void failedClipsMakeTheExitCodeNonZeroAndAreListed() throws Exception {
        try (FakeIngest ingest = new FakeIngest()) {
            ingest.thenAnswer(403, "forbidden", null);

            Run push = run("--ingest-url", ingest.baseUri().toString(), "--fleet-secret", "s3cret", "--vehicles", "1",
                    "--clips", "2", "--clip-size", "5KB", "--concurrency", "1");

            assertThat(push.exitCode()).isEqualTo(1);
            assertThat(push.out()).contains("clips failed                               1", "403 forbidden",
                    "Failed clips");
        }
    }

    @Test
    void realFilesAreUploadedWithTheirTypeAndIdempotentIds(@TempDir Path dir) throws Exception {
        Path mp4 = dir.resolve("drive.MP4");
        try (OutputStream out = Files.newOutputStream(mp4)) {
            new Mp4Clip(new ClipSpec(30_000, 8_000, 1920, 1080, 30, false, Instant.parse("2026-11-01T10:00:00Z"), 1))
                    .writeTo(out);
        }
        Path webm = Files.write(dir.resolve("cabin.webm"), new byte[] {0x1A, 0x45, (byte) 0xDF, (byte) 0xA3, 1, 2});
        try (FakeIngest ingest = new FakeIngest()) {
            Run push = run("--ingest-url", ingest.baseUri().toString(), "--vehicle", "veh-00009", "--token", "t0k",
                    "--camera", "FRONT_WIDE", "--blur-model", "blur-2026.10.1", "--location", "37.39,-122.15,37.4,-122.14",
                    mp4.toString(), webm.toString());
            Run again = run("--ingest-url", ingest.baseUri().toString(), "--vehicle", "veh-00009", "--token", "t0k",
                    mp4.toString());

            assertThat(push.exitCode()).as(push.out() + push.err()).isZero();
            assertThat(again.exitCode()).isZero();
            assertThat(again.out()).contains("clips already accepted (200)               1");
            FakeIngest.Received mp4Put = ingest.puts().stream()
                    .filter(r -> r.header("Content-Type").equals("video/mp4")).findFirst().orElseThrow();
            String metadata = new String(Base64.getUrlDecoder().decode(mp4Put.header("Clip-Metadata")));
            assertThat(metadata).contains("\"camera\":\"FRONT_WIDE\"", "\"durationMillis\":8000",
                    "\"width\":1920", "\"height\":1080", "\"blurModelVersion\":\"blur-2026.10.1\"",
                    "\"minLatitude\":37.39");
            assertThat(ingest.puts()).extracting(r -> r.header("Content-Type")).contains("video/webm");
            assertThat(ingest.puts()).allMatch(r -> r.path().startsWith("/v1/vehicles/veh-00009/clips/"));
        }
    }

    @Test
    void usageErrorsNameWhatIsMissingOrWrong(@TempDir Path dir) throws Exception {
        assertThat(run("--vehicles", "2").err()).contains("needs --fleet-secret");
        assertThat(run("--fleet-secret", "x", "--clip-size", "12 parsecs").err()).contains("is not a size");
        assertThat(run("--fleet-secret", "x", "--clip-size", "100").err()).contains("clip size must be at least");
        assertThat(run("--fleet-secret", "x", "--duration", "soon").err()).contains("is not a duration");
        Path text = Files.writeString(dir.resolve("notes.txt"), "x");
        Run wrongType = run("--vehicle", "veh-00001", "--token", "t", text.toString());
        assertThat(wrongType.exitCode()).isEqualTo(2);
        assertThat(wrongType.err()).contains("notes.txt: unknown video type");
        assertThat(run("--token", "t", text.toString()).err()).contains("needs --vehicle");
        assertThat(run("--vehicle", "v", "--token", "t", dir.resolve("absent.mp4").toString()).err())
                .contains("absent.mp4: no such file");
        Run noTrustStore = run("--fleet-secret", "x", "--ingest-url", "https://127.0.0.1:1", "--trust-store",
                dir.resolve("absent.p12").toString());
        assertThat(noTrustStore.exitCode()).isEqualTo(2);
        assertThat(noTrustStore.err()).contains("--trust-store: Cannot use trust store").contains("absent.p12");
    }

    @Test
    void tokensSubcommandWritesTheIngestTokensFile(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("tokens.properties");

        Run tokens = run("tokens", "--fleet-secret", "s3cret", "--vehicles", "3", "--out", file.toString());

        assertThat(tokens.exitCode()).isZero();
        assertThat(tokens.out()).contains("Wrote tokens of 3 vehicles");
        assertThat(Files.readAllLines(file)).filteredOn(l -> !l.startsWith("#")).hasSize(3)
                .contains("veh-00002=" + FleetTokens.hashedEntry(new FleetTokens("s3cret").token("veh-00002")));
        assertThat(run("tokens", "--vehicles", "3", "--out", file.toString()).err())
                .contains("Missing --fleet-secret");
    }

    @Test
    void sizesAndDurationsParse() {
        assertThat(Sizes.parse("100KB")).isEqualTo(100_000);
        assertThat(Sizes.parse("50MB")).isEqualTo(50_000_000);
        assertThat(Sizes.parse("1.5GB")).isEqualTo(1_500_000_000);
        assertThat(Sizes.parse("64KiB")).isEqualTo(65_536);
        assertThat(Sizes.parse("4096")).isEqualTo(4096);
        assertThat(Durations.parse("250ms").toMillis()).isEqualTo(250);
        assertThat(Durations.parse("5m").toSeconds()).isEqualTo(300);
        assertThat(Durations.parse("PT1M30S").toSeconds()).isEqualTo(90);
    }
}
