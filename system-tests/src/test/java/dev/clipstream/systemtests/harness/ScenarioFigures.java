package dev.clipstream.systemtests.harness;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * One row of the reliability table in docs/reliability.md, as a scenario measured it. {@link #record()} writes it to
 * {@code target/system-tests/<scenario>.json} and prints it as one line starting with {@code RELIABILITY}, so the
 * table can be filled from a CI log or the files.
 *
 * @param recovery time from the (last) restart until the service was ready and its input lag was back to 0 (the
 *                 longest of several restarts); null when nothing was restarted
 */
public record ScenarioFigures(String scenario, String injected, int clipsIn, int clipsOut, int missing,
                             int duplicated, Duration recovery, Duration wallTime, String notes) {

    private static final Logger LOG = LoggerFactory.getLogger(ScenarioFigures.class);
    private static final Path DIR = Path.of("target", "system-tests");

    public static ScenarioFigures of(String scenario, String injected, Verification v, Duration recovery,
                                     Duration wallTime, String notes) {
        return new ScenarioFigures(scenario, injected, v.clipsIn(), v.clipsOut(), v.missing().size(),
                v.duplicated().size(), recovery, wallTime, notes);
    }

    public String line() {
        return String.format(Locale.ROOT, "RELIABILITY | %s | %s | in %d | out %d | missing %d | duplicated %d | "
                        + "recovery %s | wall %s | %s", scenario, injected, clipsIn, clipsOut, missing, duplicated,
                seconds(recovery), seconds(wallTime), notes);
    }

    public String json() {
        return String.format(Locale.ROOT, "{\"scenario\":%s,\"injected\":%s,\"clipsIn\":%d,\"clipsOut\":%d,"
                        + "\"missing\":%d,\"duplicated\":%d,\"recoverySeconds\":%s,\"wallSeconds\":%s,\"notes\":%s}%n",
                quote(scenario), quote(injected), clipsIn, clipsOut, missing, duplicated, number(recovery),
                number(wallTime), quote(notes));
    }

    /** Writes the JSON file and prints the line; returns this. */
    public ScenarioFigures record() {
        try {
            Files.createDirectories(DIR);
            Files.writeString(DIR.resolve(scenario + ".json"), json(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the figures of " + scenario, e);
        }
        System.out.println(line());
        LOG.info("{}", line());
        return this;
    }

    private static String seconds(Duration d) {
        return d == null ? "n/a" : String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }

    private static String number(Duration d) {
        return d == null ? "null" : String.format(Locale.ROOT, "%.1f", d.toMillis() / 1000.0);
    }

    private static String quote(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
