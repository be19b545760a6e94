package dev.clipstream.cli.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class LiveViewTest {

    private final DemoFigures figures = DemoSummaryTest.figures(DemoSummaryTest.account(0, 0));

    @Test
    void theViewShowsEveryFigureTheDemoPromises() {
        String view = String.join("\n", LiveView.lines(figures));

        assertThat(view).contains("uploaded 120", "accepted by ingest 118", "refused 2 (429 rate-limited 2)")
                .contains("labeled 35", "rejected 83 (DUPLICATE 3, NO_ACTIVE_CAMPAIGN 80)")
                .contains("11 batches holding 30 clips", "clips in flight 5")
                .contains("jobs placed: dojo 8, nvidia 4", "failed attempts: dojo 1", "completed: dojo 7, nvidia 3")
                .contains("Dojo  70% [##############......] Nvidia  30%")
                .contains("clipstream-labeling 0 records (OK)")
                .contains("Dojo is back UP")
                .contains("900 MB resident");
    }

    @Test
    void onATerminalEachUpdateRedrawsTheBlockInPlace() {
        StringWriter text = new StringWriter();
        TerminalView view = new TerminalView(new PrintWriter(text), true, Duration.ofSeconds(5), 200);
        int lines = LiveView.lines(figures).size();

        view.update(figures);
        String first = text.toString();
        view.update(figures);
        String second = text.toString().substring(first.length());

        assertThat(first).doesNotContain("\u001b[" + lines + "A");
        assertThat(second).startsWith("\u001b[" + lines + "A").contains("\u001b[2K");
        assertThat(second.split("\n", -1)).hasSize(lines + 1);
    }

    @Test
    void onATerminalLongLinesAreCutSoTheyDoNotWrap() {
        StringWriter text = new StringWriter();
        new TerminalView(new PrintWriter(text), true, Duration.ofSeconds(5), 50).update(figures);

        for (String line : text.toString().split("\n")) {
            String visible = line.replace("\u001b[2K", "").replace("\r", "");
            assertThat(visible.length()).as(line).isLessThan(50);
        }
    }

    @Test
    void withoutATerminalAProgressLineIsPrintedOnlyEveryInterval() {
        StringWriter text = new StringWriter();
        TerminalView view = new TerminalView(new PrintWriter(text), false, Duration.ofHours(1), 80);

        view.update(figures);
        view.update(figures);
        view.message("Injected a Dojo outage");

        List<String> lines = text.toString().lines().toList();
        assertThat(lines).hasSize(2);
        assertThat(lines.get(0)).doesNotContain("\u001b").contains("uploaded 120", "accepted 118", "rejected 83",
                "labeled 35", "batched 30 clips in 11 batches", "completed 10 batches (dojo 7, nvidia 3)");
        assertThat(lines.get(1)).isEqualTo("Injected a Dojo outage");
    }
}
