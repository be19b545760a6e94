package dev.clipstream.cli.demo;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** Renders {@link DemoFigures} as the live terminal view (a fixed block of lines) or as one progress line. */
final class LiveView {

    static final String DOJO = "dojo";
    static final String NVIDIA = "nvidia";

    private LiveView() {
    }

    static List<String> lines(DemoFigures f) {
        List<String> lines = new ArrayList<>();
        lines.add(String.format(Locale.ROOT, "Clipstream demo - %s (%s elapsed; fleet %s of %s, %d vehicles)",
                f.phase(), Texts.seconds(f.elapsed()), Texts.seconds(f.fleetElapsed()),
                Texts.seconds(f.fleetDuration()), f.vehicles()));
        lines.add(String.format(Locale.ROOT, "  Fleet     uploaded %d | accepted by ingest %d | refused %d (%s)",
                f.uploaded(), f.acceptedByIngest(), f.refused(), Texts.counts(f.refusedByIngest())));
        ClipAccount c = f.clips();
        lines.add(String.format(Locale.ROOT, "  Labeling  on clips.uploaded %d | labeled %d | rejected %d (%s)",
                c.accepted(), f.labeled(), c.rejected(), Texts.counts(c.rejectedByReason())));
        DispatchTotals d = f.dispatch();
        lines.add(String.format(Locale.ROOT,
                "  Batches   %d batches holding %d clips | clips in flight %d (waiting for labeling %d, inside "
                        + "labeling %d, in open batches %d)",
                d.batches(), c.batched(), c.inFlight(), c.waitingForLabeling(), c.inLabeling(), c.inOpenBatch()));
        lines.add(String.format(Locale.ROOT,
                "  Dispatch  jobs placed: %s | failed attempts: %s | completed: %s (%d of %d batches)",
                Texts.counts(d.placedByBackend()), Texts.counts(d.failedByBackend()),
                Texts.counts(d.completedByBackend()), d.completed(), d.batches()));
        lines.add(String.format(Locale.ROOT, "  Share     Dojo %4s [%s] Nvidia %4s   (of completed batches)",
                Texts.percent(d.share(DOJO)), Texts.bar(d.share(DOJO), 20), Texts.percent(d.share(NVIDIA))));
        lines.add("  Lag       " + (f.lag().isEmpty() ? "(first evaluation pending)" : f.lag().stream()
                .map(g -> g.group() + " " + g.records() + " records (" + g.status() + ")")
                .collect(Collectors.joining(" | "))));
        lines.add("  Backends  " + f.backends());
        lines.add("  Memory    " + Texts.megabytes(f.residentBytes())
                + " resident in total (this JVM with all services, the Kafka broker, the schema registry)");
        return lines;
    }

    /** One line for logs and pipes, printed every few seconds. */
    static String progressLine(DemoFigures f) {
        ClipAccount c = f.clips();
        DispatchTotals d = f.dispatch();
        return String.format(Locale.ROOT,
                "[%s] %s: uploaded %d, accepted %d, rejected %d, labeled %d, batched %d clips in %d batches, "
                        + "in flight %d, completed %d batches (dojo %d, nvidia %d); %s",
                Texts.seconds(f.elapsed()), f.phase(), f.uploaded(), f.acceptedByIngest(), c.rejected(), f.labeled(),
                c.batched(), d.batches(), c.inFlight(), d.completed(), d.completed(DOJO), d.completed(NVIDIA),
                f.backends());
    }
}
