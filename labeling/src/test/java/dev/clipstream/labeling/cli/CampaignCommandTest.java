package dev.clipstream.labeling.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clipstream.labeling.campaign.CampaignAdmin.CampaignView;
import dev.clipstream.schemas.avro.Camera;
import dev.clipstream.schemas.avro.Campaign;
import dev.clipstream.schemas.avro.CampaignStatus;
import dev.clipstream.schemas.avro.TimeOfDay;
import dev.clipstream.schemas.avro.Weather;
import dev.clipstream.schemas.fixture.SampleRecords;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The campaign command's parsing and validation; publishing needs a broker and is covered by the IT. */
class CampaignCommandTest {

    private static final Instant NOW = Instant.parse("2026-11-29T03:00:00Z");

    private CampaignCommand.Create parse(String... args) {
        CommandLine line = new CommandLine(new CampaignCommand());
        CommandLine.ParseResult result = line.parseArgs(prepend("create", args));
        return (CampaignCommand.Create) result.subcommand().commandSpec().userObject();
    }

    private static String[] prepend(String first, String... rest) {
        String[] all = new String[rest.length + 1];
        all[0] = first;
        System.arraycopy(rest, 0, all, 1, rest.length);
        return all;
    }

    @Test
    void flagsBecomeACampaignRecord() {
        List<Campaign> campaigns = parse("--id", "wet-night-turns", "--target", "500", "--priority", "4",
                "--expires", "30d", "--cameras", "front_main,FRONT_WIDE", "--weather", "RAIN",
                "--times-of-day", "NIGHT", "--scenario-tags", "unprotected_left_turn", "--min-speed", "5",
                "--region", "35,-10,71,40", "--min-confidence", "0.7").campaigns(NOW);

        assertThat(campaigns).singleElement().satisfies(c -> {
            assertThat(c.getCampaignId()).isEqualTo("wet-night-turns");
            assertThat(c.getStatus()).isEqualTo(CampaignStatus.ACTIVE);
            assertThat(c.getTargetClipCount()).isEqualTo(500);
            assertThat(c.getPriority()).isEqualTo(4);
            assertThat(c.getExpiresAt()).isEqualTo(NOW.plus(Duration.ofDays(30)));
            assertThat(c.getTrigger().getCameras()).containsExactly(Camera.FRONT_MAIN, Camera.FRONT_WIDE);
            assertThat(c.getTrigger().getWeather()).containsExactly(Weather.RAIN);
            assertThat(c.getTrigger().getTimesOfDay()).containsExactly(TimeOfDay.NIGHT);
            assertThat(c.getTrigger().getMinSpeedKph()).isEqualTo(5f);
            assertThat(c.getTrigger().getRegion().getMaxLongitude()).isEqualTo(40.0);
            assertThat(c.getTrigger().getMinLabelConfidence()).isEqualTo(0.7);
        });
    }

    @Test
    void badInputIsAUsageErrorNamingTheProblem() {
        assertUsage(() -> parse("--id", "x").campaigns(NOW), "--target is required with --id");
        assertUsage(() -> parse("--id", "x", "--target", "5", "--weather", "DRIZZLE").campaigns(NOW),
                "--weather: unknown value 'DRIZZLE'");
        assertUsage(() -> parse("--id", "Bad Id", "--target", "5").campaigns(NOW), "must be lower-case letters");
        assertUsage(() -> parse("--id", "x", "--target", "0").campaigns(NOW), "targetClipCount must be > 0");
        assertUsage(() -> parse("--id", "x", "--target", "5", "--expires", "soon").campaigns(NOW),
                "--expires must be an ISO instant");
        assertUsage(() -> parse("--seed", "--id", "x").campaigns(NOW), "exactly one of --id");
    }

    @Test
    void aYamlFileMayHoldSeveralCampaigns(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("campaigns.yaml");
        Files.writeString(file, """
                - campaignId: snowy-merges
                  targetClipCount: 300
                  trigger:
                    weather: [SNOW]
                    scenarioTags: [highway]
                    minSpeedKph: 60
                - campaignId: school-zones
                  name: School zones
                  targetClipCount: 1000
                  priority: 2
                  expiresAt: 2027-03-01T00:00:00Z
                """);

        List<Campaign> campaigns = parse("--file", file.toString()).campaigns(NOW);

        assertThat(campaigns).extracting(Campaign::getCampaignId).containsExactly("snowy-merges", "school-zones");
        assertThat(campaigns.get(0).getTrigger().getWeather()).containsExactly(Weather.SNOW);
        assertThat(campaigns.get(0).getCreatedAt()).isEqualTo(NOW);
        assertThat(campaigns.get(1).getExpiresAt()).isEqualTo(Instant.parse("2027-03-01T00:00:00Z"));
    }

    @Test
    void aFileWithAMissingFieldNamesIt(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("bad.json");
        Files.writeString(file, "{\"campaignId\": \"x\"}");
        assertUsage(() -> parse("--file", file.toString()).campaigns(NOW),
                "bad.json.targetClipCount is missing or not a positive integer");
    }

    @Test
    void seedGivesTheThreeDemoCampaigns() {
        assertThat(parse("--seed").campaigns(NOW)).extracting(Campaign::getCampaignId).containsExactly(
                "unprotected-left-turns-night", "heavy-rain-highways", "construction-zones");
    }

    @Test
    void listShowsStatusTargetCountAndExpiry() {
        String table = CampaignCommand.ListCampaigns.table(List.of(new CampaignView(SampleRecords.campaign(), 1234)));
        assertThat(table).contains("CAMPAIGN").contains("unprotected-left-turns-eu").contains("ACTIVE")
                .contains("50000").contains("1234").contains("2027-01-31T23:59:59Z");
    }

    @Test
    void missingPlatformSettingsAreNamed() {
        CommandLine line = new CommandLine(new CampaignCommand());
        StringWriter err = new StringWriter();
        line.setErr(new PrintWriter(err));
        CampaignCommand root = line.getCommand();
        root.environment = java.util.Map.of();
        int exit = line.execute("list");
        assertThat(exit).isNotZero();
        assertThat(err.toString()).contains("kafka.bootstrap.servers").contains("CLIPSTREAM_KAFKA_BOOTSTRAP_SERVERS");
    }

    private static void assertUsage(org.assertj.core.api.ThrowableAssert.ThrowingCallable call, String message) {
        org.assertj.core.api.Assertions.assertThatThrownBy(call)
                .isInstanceOf(CommandLine.ParameterException.class).hasMessageContaining(message);
    }
}
