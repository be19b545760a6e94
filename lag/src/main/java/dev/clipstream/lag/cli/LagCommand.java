package dev.clipstream.lag.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.clipstream.lag.model.GroupLag;
import dev.clipstream.lag.model.LagSnapshot;
import dev.clipstream.lag.model.LagStatus;
import dev.clipstream.lag.monitor.LagEngine;
import dev.clipstream.lag.monitor.LagSettings;
import dev.clipstream.lag.web.LagJson;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code clipstream lag}: consumer lag in records, time and pipeline units, with a Burrow-style status per group. */
@Command(
        name = "lag",
        header = "Consumer lag of the pipeline's groups, in records, time and video.",
        mixinStandardHelpOptions = true,
        description = {
                "Consumer lag of the pipeline's groups (and any --group): per partition in records, in time (age of "
                        + "the oldest unconsumed record) and, on clips.uploaded / training.batches, in clips and "
                        + "seconds/bytes of video.",
                "Status per group: OK, WARNING (lag grows over the window), STALLED (offset does not move while "
                        + "lag > 0), STOPPED (no members, lag > 0), ERROR (offsets unreadable). A status needs "
                        + "several samples: use --watch or --samples.",
                "Never joins the groups it watches. End offsets are last stable offsets (transaction markers are "
                        + "not lag); see docs/lag.md."},
        subcommands = {LagServeCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:Done (and no group at or above --fail-on).", "1:Failure while running.",
                "2:Usage error.", "3:A group's status is at or above --fail-on."},
        footerHeading = "%nExamples:%n",
        footer = {
                "  clipstream lag --bootstrap-server 127.0.0.1:9092 --group my-group",
                "  clipstream lag --watch --interval 2s --all-groups",
                "  clipstream lag --json --samples 3 --interval 5s --fail-on STALLED",
                "  clipstream lag serve       # metrics on :9084/metrics, page on :9085/lag"})
public final class LagCommand implements Callable<Integer> {

    static final int EXIT_STATUS_THRESHOLD = 3;

    @Spec
    CommandSpec spec;

    @Mixin
    LagOptions options;

    @Option(names = "--watch", description = "Refresh until Ctrl-C, every --interval.")
    boolean watch;

    @Option(names = "--interval", paramLabel = "DURATION", converter = DurationConverter.class,
            description = "Time between samples, e.g. 2s, 500ms, 1m. Default: lag.interval (5s).")
    Duration interval;

    @Option(names = "--samples", paramLabel = "N", defaultValue = "1",
            description = "Without --watch: samples to take --interval apart before printing (default: "
                    + "${DEFAULT-VALUE}; STALLED/WARNING need at least lag.window.min-samples).")
    int samples;

    @Option(names = "--json", description = "Print JSON (the same shape as the monitor's /api/lag) instead of a table.")
    boolean json;

    @Option(names = "--summary", description = "One block per group, without the partition rows.")
    boolean summary;

    @Option(names = "--fail-on", paramLabel = "STATUS",
            description = "Exit with 3 when a group's status is this or worse (${COMPLETION-CANDIDATES}).")
    LagStatus failOn;

    @Option(names = "--iterations", hidden = true, defaultValue = "0",
            description = "With --watch: stop after N refreshes (tests).")
    int iterations;

    @Override
    public Integer call() throws InterruptedException {
        if (samples < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--samples must be >= 1, was " + samples);
        }
        LagOptions.Resolved resolved = options.resolve(spec);
        LagSettings settings = resolved.settings();
        if (interval != null) {
            if (interval.isZero() || interval.isNegative()) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--interval must be positive");
            }
            settings = settings.withInterval(interval);
        }
        PrintWriter out = spec.commandLine().getOut();
        LagSnapshot last;
        try (LagEngine engine = LagEngine.create(settings, resolved.bootstrapServers(),
                LagConfig.clientOverrides(resolved.config()), LagConfig.units(resolved.registryUrl()))) {
            if (watch) {
                boolean clear = System.console() != null && !json;
                int done = 0;
                while (true) {
                    last = engine.evaluate();
                    if (clear) {
                        out.print("\033[H\033[2J");
                    }
                    print(out, last);
                    done++;
                    if (iterations > 0 && done >= iterations) {
                        break;
                    }
                    TimeUnit.MILLISECONDS.sleep(settings.interval().toMillis());
                }
            } else {
                last = engine.evaluate();
                for (int i = 1; i < samples; i++) {
                    TimeUnit.MILLISECONDS.sleep(settings.interval().toMillis());
                    last = engine.evaluate();
                }
                print(out, last);
            }
        }
        if (failOn != null) {
            for (GroupLag g : last.groups()) {
                if (g.status().severity() >= failOn.severity()) {
                    return EXIT_STATUS_THRESHOLD;
                }
            }
        }
        return CommandLine.ExitCode.OK;
    }

    private void print(PrintWriter out, LagSnapshot snapshot) {
        if (json) {
            try {
                out.println(new ObjectMapper().disable(SerializationFeature.INDENT_OUTPUT)
                        .writeValueAsString(LagJson.snapshot(snapshot)));
            } catch (Exception e) {
                throw new IllegalStateException("Could not write JSON: " + e.getMessage(), e);
            }
        } else {
            out.print(LagTableRenderer.render(snapshot, !summary));
        }
        out.flush();
    }

    /** Accepts the durations the config files use (500ms, 2s, 1m, 1h, PT5S). */
    static final class DurationConverter implements CommandLine.ITypeConverter<Duration> {

        private static final java.util.regex.Pattern SIMPLE = java.util.regex.Pattern.compile("(\\d+)(ms|s|m|h)");

        @Override
        public Duration convert(String value) {
            java.util.regex.Matcher m = SIMPLE.matcher(value.trim().toLowerCase(java.util.Locale.ROOT));
            if (m.matches()) {
                long amount = Long.parseLong(m.group(1));
                return switch (m.group(2)) {
                    case "ms" -> Duration.ofMillis(amount);
                    case "s" -> Duration.ofSeconds(amount);
                    case "m" -> Duration.ofMinutes(amount);
                    default -> Duration.ofHours(amount);
                };
            }
            try {
                return Duration.parse(value);
            } catch (java.time.format.DateTimeParseException e) {
                throw new CommandLine.TypeConversionException("'" + value + "' is not a duration such as 500ms, "
                        + "5s, 1m or PT5S");
            }
        }
    }
}
