package dev.clipstream.replay.cli;

import dev.clipstream.replay.publish.ReplayProgressListener;
import java.io.PrintWriter;

/** A one-line progress bar redrawn in place (carriage return), at most every {@value #REDRAW_MILLIS} ms. */
final class ProgressBar implements ReplayProgressListener {

    private static final int REDRAW_MILLIS = 200;
    private static final int WIDTH = 30;

    private final PrintWriter out;
    private final long startNanos = System.nanoTime();
    private long lastDraw;
    private int resumedFrom;
    private boolean drawn;

    ProgressBar(PrintWriter out) {
        this.out = out;
    }

    @Override
    public void started(int total, int alreadyPublished) {
        resumedFrom = alreadyPublished;
        draw(alreadyPublished, total, 0, true);
    }

    @Override
    public void sent(int done, int total, long clipsDone) {
        draw(done, total, clipsDone, false);
    }

    @Override
    public void committed(int done, int total) {
        if (done == total) {
            draw(done, total, -1, true);
        }
    }

    /** Ends the bar's line, so what follows starts on a new one. */
    void finish() {
        if (drawn) {
            out.println();
            out.flush();
        }
    }

    private void draw(int done, int total, long clips, boolean force) {
        long now = System.nanoTime();
        if (!force && now - lastDraw < REDRAW_MILLIS * 1_000_000L) {
            return;
        }
        lastDraw = now;
        int filled = total == 0 ? WIDTH : (int) ((long) WIDTH * done / total);
        double seconds = Math.max(1e-9, (now - startNanos) / 1e9);
        String bar = "#".repeat(filled) + ".".repeat(WIDTH - filled);
        String line = String.format("\r[%s] %3d%% %d/%d batches%s %.0f batches/s", bar,
                total == 0 ? 100 : 100L * done / total, done, total,
                clips >= 0 ? String.format(" %,d clips", clips) : "",
                (done - resumedFrom) / seconds);
        out.print(line);
        out.flush();
        drawn = true;
    }
}
