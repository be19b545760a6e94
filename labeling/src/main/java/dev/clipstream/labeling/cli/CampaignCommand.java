package dev.clipstream.labeling.cli;

import dev.clipstream.labeling.campaign.CampaignAdmin;
import dev.clipstream.labeling.campaign.CampaignAdmin.CampaignView;
import dev.clipstream.labeling.campaign.CampaignFiles;
import dev.clipstream.labeling.campaign.CampaignValidation;
import dev.clipstream.labeling.campaign.SeedCampaigns;
import dev.clipstream.runtime.config.PlatformSettings;
import dev.clipstream.schemas.avro.Camera;
import dev.clipstream.schemas.avro.Campaign;
import dev.clipstream.schemas.avro.CampaignStatus;
import dev.clipstream.schemas.avro.GeoBoundingBox;
import dev.clipstream.schemas.avro.TimeOfDay;
import dev.clipstream.schemas.avro.TriggerRule;
import dev.clipstream.schemas.avro.Weather;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code clipstream campaign create|list|close}: manage data-collection campaigns on the campaigns topic. */
@Command(
        name = "campaign",
        mixinStandardHelpOptions = true,
        synopsisSubcommandLabel = "COMMAND",
        description = {"Manage data-collection campaigns (records on the compacted campaigns topic).",
                "Changes take effect in a running labeling app with the next clip, without a restart."},
        subcommands = {CampaignCommand.Create.class, CampaignCommand.ListCampaigns.class,
                CampaignCommand.Close.class})
public final class CampaignCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    /** The environment the platform settings come from; tests replace it. */
    Map<String, String> environment = System.getenv();

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        err.println(spec.commandLine().getColorScheme().errorText("Missing command: create, list or close."));
        spec.commandLine().usage(err);
        return CommandLine.ExitCode.USAGE;
    }

    CampaignAdmin admin(PlatformOptions platform) {
        PlatformSettings settings = platform.resolve(environment);
        return new CampaignAdmin(PlatformOptions.catalog(settings), settings.bootstrapServers());
    }

    @Command(name = "create", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Create or replace a campaign from flags, from a JSON/YAML file (--file), or publish "
                    + "the three demo campaigns (--seed)."},
            footerHeading = "%nExamples:%n",
            footer = {
                    "  clipstream campaign create --id wet-roundabouts --target 5000 --scenario-tags urban \\",
                    "      --weather RAIN --min-confidence 0.6 --expires 30d",
                    "  clipstream campaign create --file campaigns.yaml",
                    "  clipstream campaign create --seed"})
    static final class Create implements Callable<Integer> {

        @CommandLine.ParentCommand
        CampaignCommand parent;

        @Spec
        CommandSpec spec;

        @Mixin
        PlatformOptions platform;

        @Option(names = "--file", paramLabel = "FILE", description = "JSON or YAML file: one campaign or a list.")
        Path file;

        @Option(names = "--seed", description = "Publish the demo campaigns (left turns at night, heavy rain on "
                + "highways, construction zones).")
        boolean seed;

        @Option(names = "--id", paramLabel = "ID", description = "Campaign id, kebab-case.")
        String id;

        @Option(names = "--name", description = "Short name (default: the id).")
        String name;

        @Option(names = "--description", description = "What the campaign collects and why.")
        String description = "";

        @Option(names = "--target", paramLabel = "N", description = "Target clip count, > 0.")
        Integer target;

        @Option(names = "--priority", defaultValue = "0", description = "Priority, higher first (default: 0).")
        int priority;

        @Option(names = "--expires", paramLabel = "WHEN",
                description = "Expiry: an ISO instant (2027-01-31T23:59:59Z) or a duration from now (30d, 12h).")
        String expires;

        @Option(names = "--trigger-ids", split = ",", description = "On-vehicle trigger ids that qualify.")
        List<String> triggerIds = List.of();

        @Option(names = "--cameras", split = ",", description = "Cameras that qualify, e.g. FRONT_MAIN.")
        List<String> cameras = List.of();

        @Option(names = "--scenario-tags", split = ",", description = "Scenario tags; at least one must be labeled.")
        List<String> scenarioTags = List.of();

        @Option(names = "--weather", split = ",", description = "Weather that qualifies, e.g. RAIN,SNOW.")
        List<String> weather = List.of();

        @Option(names = "--times-of-day", split = ",", description = "Times of day: DAWN, DAY, DUSK, NIGHT.")
        List<String> timesOfDay = List.of();

        @Option(names = "--region", paramLabel = "MINLAT,MINLON,MAXLAT,MAXLON",
                description = "Area the clip's bounding box must intersect.")
        String region;

        @Option(names = "--min-speed", paramLabel = "KPH", description = "Lowest qualifying mean speed.")
        Float minSpeed;

        @Option(names = "--max-speed", paramLabel = "KPH", description = "Highest qualifying mean speed.")
        Float maxSpeed;

        @Option(names = "--min-confidence", defaultValue = "0.0",
                description = "Labels below this confidence are ignored when matching (default: 0.0).")
        double minConfidence;

        @Override
        public Integer call() {
            Instant now = Instant.now();
            List<Campaign> campaigns = campaigns(now);
            parent.admin(platform).publish(campaigns);
            PrintWriter out = spec.commandLine().getOut();
            campaigns.forEach(c -> out.printf(Locale.ROOT, "Published campaign %s (%s, target %d, expires %s)%n",
                    c.getCampaignId(), c.getStatus(), c.getTargetClipCount(),
                    c.getExpiresAt() == null ? "never" : c.getExpiresAt()));
            out.flush();
            return CommandLine.ExitCode.OK;
        }

        List<Campaign> campaigns(Instant now) {
            int sources = (seed ? 1 : 0) + (file != null ? 1 : 0) + (id != null ? 1 : 0);
            if (sources != 1) {
                throw usage("Give exactly one of --id (with flags), --file FILE or --seed");
            }
            if (seed) {
                return SeedCampaigns.all(now);
            }
            if (file != null) {
                try {
                    return CampaignFiles.read(file, now);
                } catch (IllegalArgumentException e) {
                    throw usage(e.getMessage());
                }
            }
            if (target == null) {
                throw usage("--target is required with --id");
            }
            try {
                TriggerRule.Builder rule = TriggerRule.newBuilder()
                        .setTriggerIds(triggerIds)
                        .setCameras(enums(cameras, "--cameras", Camera::valueOf))
                        .setScenarioTags(scenarioTags)
                        .setWeather(enums(weather, "--weather", Weather::valueOf))
                        .setTimesOfDay(enums(timesOfDay, "--times-of-day", TimeOfDay::valueOf))
                        .setMinSpeedKph(minSpeed)
                        .setMaxSpeedKph(maxSpeed)
                        .setMinLabelConfidence(minConfidence)
                        .setRegion(region == null ? null : region(region));
                Instant created = now.truncatedTo(ChronoUnit.MILLIS);
                return List.of(CampaignValidation.validated(Campaign.newBuilder()
                        .setCampaignId(id)
                        .setName(name != null ? name : id)
                        .setDescription(description)
                        .setTrigger(rule.build())
                        .setTargetClipCount(target)
                        .setPriority(priority)
                        .setStatus(CampaignStatus.ACTIVE)
                        .setCreatedAt(created)
                        .setExpiresAt(expires == null ? null : expiry(expires, created))
                        .build()));
            } catch (IllegalArgumentException e) {
                throw usage(e.getMessage());
            }
        }

        private static GeoBoundingBox region(String text) {
            String[] parts = text.split(",");
            if (parts.length != 4) {
                throw new IllegalArgumentException("--region needs four comma-separated numbers "
                        + "MINLAT,MINLON,MAXLAT,MAXLON, got '" + text + "'");
            }
            try {
                return new GeoBoundingBox(Double.parseDouble(parts[0].trim()), Double.parseDouble(parts[1].trim()),
                        Double.parseDouble(parts[2].trim()), Double.parseDouble(parts[3].trim()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--region has a part that is not a number: '" + text + "'");
            }
        }

        private static Instant expiry(String text, Instant now) {
            try {
                return Instant.parse(text).truncatedTo(ChronoUnit.MILLIS);
            } catch (DateTimeParseException notAnInstant) {
                String lower = text.trim().toLowerCase(Locale.ROOT);
                if (lower.matches("\\d+[dhm]")) {
                    long amount = Long.parseLong(lower.substring(0, lower.length() - 1));
                    Duration duration = switch (lower.charAt(lower.length() - 1)) {
                        case 'd' -> Duration.ofDays(amount);
                        case 'h' -> Duration.ofHours(amount);
                        default -> Duration.ofMinutes(amount);
                    };
                    return now.plus(duration);
                }
                throw new IllegalArgumentException("--expires must be an ISO instant such as 2027-01-31T23:59:59Z "
                        + "or a duration such as 30d, 12h or 90m, got '" + text + "'");
            }
        }

        private static <E extends Enum<E>> List<E> enums(List<String> values, String option,
                                                         Function<String, E> parse) {
            return values.stream().map(value -> {
                try {
                    return parse.apply(value.trim().toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(option + ": unknown value '" + value + "'");
                }
            }).toList();
        }

        private CommandLine.ParameterException usage(String message) {
            return new CommandLine.ParameterException(spec.commandLine(), message);
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = "List campaigns: status, target, clips in closed batches, expiry, priority.")
    static final class ListCampaigns implements Callable<Integer> {

        @CommandLine.ParentCommand
        CampaignCommand parent;

        @Spec
        CommandSpec spec;

        @Mixin
        PlatformOptions platform;

        @Override
        public Integer call() {
            List<CampaignView> views = parent.admin(platform).list();
            PrintWriter out = spec.commandLine().getOut();
            out.print(table(views));
            out.flush();
            return CommandLine.ExitCode.OK;
        }

        static String table(List<CampaignView> views) {
            String format = "%-32s %-8s %8s %8s %-24s %8s%n";
            StringBuilder text = new StringBuilder(String.format(Locale.ROOT, format, "CAMPAIGN", "STATUS", "TARGET",
                    "BATCHED", "EXPIRES", "PRIORITY"));
            for (CampaignView view : views) {
                Campaign c = view.campaign();
                text.append(String.format(Locale.ROOT, format, c.getCampaignId(), c.getStatus(),
                        c.getTargetClipCount(), view.batchedClips(),
                        c.getExpiresAt() == null ? "never" : c.getExpiresAt().toString(), c.getPriority()));
            }
            if (views.isEmpty()) {
                text.append("(no campaigns)").append(System.lineSeparator());
            }
            return text.toString();
        }
    }

    @Command(name = "close", mixinStandardHelpOptions = true,
            description = "Close a campaign: writes its record again with status CLOSED; its open batch closes "
                    + "within a second and it takes no more clips.")
    static final class Close implements Callable<Integer> {

        @CommandLine.ParentCommand
        CampaignCommand parent;

        @Spec
        CommandSpec spec;

        @Mixin
        PlatformOptions platform;

        @Option(names = "--id", required = true, paramLabel = "ID", description = "Campaign to close.")
        String id;

        @Override
        public Integer call() {
            Campaign closed = parent.admin(platform).close(id);
            spec.commandLine().getOut().printf(Locale.ROOT, "Closed campaign %s%n", closed.getCampaignId());
            spec.commandLine().getOut().flush();
            return CommandLine.ExitCode.OK;
        }
    }
}
