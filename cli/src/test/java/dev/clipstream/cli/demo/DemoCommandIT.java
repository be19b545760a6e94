package dev.clipstream.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clipstream.cli.CommandRunner;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A short {@code clipstream demo} in this JVM, on its own devstack, as the README's command runs it (in-process
 * instead of through bin/clipstream): it must end with exit 0, a summary with 0 unaccounted clips, batches that fell
 * back to Nvidia during the Dojo outage, and nothing left behind: no data dir, no child process.
 */
@Timeout(value = 240, unit = TimeUnit.SECONDS) // ~60 s on a quiet machine; 148 s measured at load average 35
class DemoCommandIT {

    private static final Pattern DATA_DIRS = Pattern.compile(
            "Data \\(removed on exit\\): devstack (\\S+), pipeline (\\S+), logs (\\S+)");
    private static final Pattern FALLBACKS = Pattern.compile("(\\d+) batches fell back to Nvidia while Dojo was down");

    @Test
    void aShortDemoAccountsForEveryClipShowsTheFallbackAndLeavesNothingBehind() {
        Set<Long> childrenBefore = children();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();

        int exitCode = CommandRunner.execute(out, err, "demo", "--vehicles", "5", "--duration", "20s",
                "--interval", "1s", "--outage-at", "2s", "--outage-for", "4s", "--batch-max-age", "2s",
                "--drain-timeout", "45s", "--view", "lines");

        String console = out.toString();
        assertThat(exitCode).as("exit code; output:%n%s%nerrors:%n%s", console, err).isZero();
        assertThat(console).containsPattern("UNACCOUNTED\\s+0\\s").contains("Result: OK")
                .containsPattern("Clips on clips.uploaded\\s+[1-9]\\d*")
                .containsPattern("Batches completed\\s+[1-9]\\d*")
                .contains("Injected a Dojo outage", "Ended the Dojo outage");
        Matcher fallbacks = FALLBACKS.matcher(console);
        assertThat(fallbacks.find()).as("outage line in:%n%s", console).isTrue();
        assertThat(Integer.parseInt(fallbacks.group(1))).as("batches placed on Nvidia during the outage").isPositive();

        Matcher dirs = DATA_DIRS.matcher(console);
        assertThat(dirs.find()).as("data dirs line in:%n%s", console).isTrue();
        for (int group = 1; group <= 3; group++) {
            assertThat(Path.of(dirs.group(group))).doesNotExist();
        }
        List<String> leftOver = ProcessHandle.current().descendants().filter(ProcessHandle::isAlive)
                .filter(p -> !childrenBefore.contains(p.pid()))
                .map(p -> p.pid() + " " + p.info().commandLine().orElse("?")).toList();
        assertThat(leftOver).as("child processes still alive").isEmpty();
        assertThat(console).contains("Demo finished");
    }

    private static Set<Long> children() {
        return ProcessHandle.current().descendants().map(ProcessHandle::pid).collect(Collectors.toSet());
    }
}
