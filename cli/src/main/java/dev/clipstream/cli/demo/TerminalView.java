package dev.clipstream.cli.demo;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;

/**
 * Shows the live view: on a terminal the block of lines is redrawn in place (ANSI cursor-up and erase-line) every
 * update; otherwise (CI, a pipe, a file) one progress line is printed every {@code plainEvery}.
 */
final class TerminalView {

    private static final String ERASE_LINE = "\u001b[2K";

    private final PrintWriter out;
    private final boolean ansi;
    private final int columns;
    private final long plainEveryNanos;
    private int drawnLines;
    private long lastPlainNanos = Long.MIN_VALUE;

    /** @param columns terminal width: longer lines are cut, since a wrapped line would break the redraw */
    TerminalView(PrintWriter out, boolean ansi, Duration plainEvery, int columns) {
        this.out = out;
        this.columns = Math.max(40, columns);
        this.ansi = ansi;
        this.plainEveryNanos = plainEvery.toNanos();
    }

    synchronized void update(DemoFigures figures) {
        if (ansi) {
            redraw(LiveView.lines(figures));
        } else {
            long now = System.nanoTime();
            if (lastPlainNanos == Long.MIN_VALUE || now - lastPlainNanos >= plainEveryNanos) {
                lastPlainNanos = now;
                out.println(LiveView.progressLine(figures));
                out.flush();
            }
        }
    }

    /** Prints a message above the view (it stays on screen; the view is drawn again below it). */
    synchronized void message(String text) {
        if (ansi && drawnLines > 0) {
            out.print("\u001b[" + drawnLines + "A");
            for (int i = 0; i < drawnLines; i++) {
                out.print(ERASE_LINE + "\n");
            }
            out.print("\u001b[" + drawnLines + "A");
            drawnLines = 0;
        }
        out.println(text);
        out.flush();
    }

    /** Leaves the last drawn view on screen; later output goes below it. */
    synchronized void finish(DemoFigures figures) {
        if (ansi) {
            redraw(LiveView.lines(figures));
            drawnLines = 0;
        } else {
            out.println(LiveView.progressLine(figures));
        }
        out.flush();
    }

    private void redraw(List<String> lines) {
        StringBuilder frame = new StringBuilder();
        if (drawnLines > 0) {
            frame.append("\u001b[").append(drawnLines).append('A');
        }
        for (String line : lines) {
            String shown = line.length() < columns ? line : line.substring(0, columns - 1);
            frame.append(ERASE_LINE).append('\r').append(shown).append('\n');
        }
        out.print(frame);
        out.flush();
        drawnLines = lines.size();
    }
}
