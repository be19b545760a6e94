package dev.clipstream.cli.demo;

import dev.clipstream.cli.CommandFailedException;
import dev.clipstream.fleet.cli.Durations;
import dev.clipstream.fleet.cli.Sizes;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code clipstream demo}: the whole pipeline on this machine, a simulated fleet, a Dojo outage, a summary. */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        usageHelpWidth = 110,
        description = "Run the whole pipeline locally with a simulated fleet and a Dojo outage; end with a summary.",
        footerHeading = "%n",
        footer = {
                "What starts: a Kafka broker and a schema registry (the devstack, two child processes), then in this "
                        + "JVM: ingest, labeling, training-dispatch, simulated Dojo and Nvidia backends and the lag "
                        + "monitor. Topics are created, schemas registered and 3 campaigns seeded. Then --vehicles "
                        + "simulated vehicles upload small MP4 clips with metadata over the ingest HTTP API, exactly "
                        + "as external uploaders would, one clip per vehicle every --interval, for --duration.",
                "",
                "While it runs, a live view (redrawn every second on a terminal, a progress line every 5 s "
                        + "otherwise): clips uploaded, accepted, rejected by reason, labeled, batched, jobs placed "
                        + "per backend, completed batches, consumer lag per group, the Dojo/Nvidia share. At "
                        + "--outage-at into the fleet run, Dojo goes down (fault API of the simulator) for "
                        + "--outage-for: its running jobs fail and are retried, new batches fall back to Nvidia; the "
                        + "view says when they return to Dojo. (The outage waits for Dojo's first completed batch, on a slow machine into the drain, and lasts until a batch has fallen back, at most three times --outage-for.) The lag page and the metrics URLs are printed at start.",
                "",
                "After the fleet stops, the demo waits (at most --drain-timeout) for clips and batches in flight, "
                        + "then prints a summary. Every clip ingest accepted is in exactly one place: batched (in a "
                        + "training batch), rejected with a reason (clips.rejected), still in flight (not read by "
                        + "labeling yet, between labeling's steps, or labeled and waiting in a batch younger than "
                        + "--batch-max-age plus 15 s) or UNACCOUNTED, i.e. lost. Figures come from the topics, read "
                        + "read_committed, and from labeling's committed offsets. The summary also shows batches and "
                        + "jobs per backend, how many batches fell back to Nvidia and returned, and the peak resident "
                        + "memory of all processes.",
                "",
                "Ctrl-C at any time stops everything: services, broker, registry; all data and logs are removed. "
                        + "With --keep-running the stack stays up after the summary (push your own files, open the "
                        + "lag page; the commands are printed) until Ctrl-C.",
                "",
                "Exit codes:",
                "  0  the summary has 0 unaccounted clips (also when --keep-running ends with Ctrl-C)",
                "  1  a clip is unaccounted or both batched and rejected, or the demo failed to run",
                "  2  usage error",
                "  130  stopped with Ctrl-C before the summary",
                "",
                "Examples:",
                "  ./mvnw -B -q package -DskipTests && bin/clipstream demo",
                "  bin/clipstream demo --vehicles 10 --duration 30s --keep-running"})
public final class DemoCommand implements Callable<Integer> {

    static final int INTERRUPTED = 130;

    @Spec
    CommandSpec spec;

    @Option(names = "--vehicles", paramLabel = "N", defaultValue = "50",
            description = "Simulated vehicles (default: ${DEFAULT-VALUE}).")
    int vehicles;

    @Option(names = "--duration", paramLabel = "DURATION", defaultValue = "60s", converter = Durations.class,
            description = "How long the fleet uploads, e.g. 30s, 2m (default: ${DEFAULT-VALUE}).")
    Duration duration;

    @Option(names = "--seed", paramLabel = "N", defaultValue = "1",
            description = "Seed of clip ids, contents and metadata, and of the simulators (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--interval", paramLabel = "DURATION", defaultValue = "4s", converter = Durations.class,
            description = "Time between two clips of one vehicle (default: ${DEFAULT-VALUE}; with 50 vehicles "
                    + "12.5 clips/s).")
    Duration interval;

    @Option(names = "--clip-size", paramLabel = "SIZE", defaultValue = "200KB", converter = Sizes.class,
            description = "Smallest clip (default: ${DEFAULT-VALUE}).")
    long minClipBytes;

    @Option(names = "--clip-size-max", paramLabel = "SIZE", defaultValue = "600KB", converter = Sizes.class,
            description = "Largest clip; sizes are drawn in between (default: ${DEFAULT-VALUE}).")
    long maxClipBytes;

    @Option(names = "--outage-at", paramLabel = "DURATION", converter = Durations.class,
            description = "When Dojo goes down, into the fleet run, once it has completed a batch (default: a third "
                    + "of --duration).")
    Duration outageAt;

    @Option(names = "--outage-for", paramLabel = "DURATION", converter = Durations.class,
            description = "How long Dojo stays down at least; it comes back once a batch has fallen back to Nvidia, "
                    + "or after three times this (default: a third of --duration).")
    Duration outageFor;

    @Option(names = "--drain-timeout", paramLabel = "DURATION", defaultValue = "120s", converter = Durations.class,
            description = "Longest wait after the fleet stops for clips and batches in flight (default: "
                    + "${DEFAULT-VALUE}).")
    Duration drainTimeout;

    @Option(names = "--batch-max-age", paramLabel = "DURATION", defaultValue = "5s", converter = Durations.class,
            description = "Labeling closes a batch this long after its first clip (default: ${DEFAULT-VALUE}; the "
                    + "service's own default is 60s).")
    Duration batchMaxAge;

    @Option(names = "--keep-running",
            description = "After the summary, keep everything up until Ctrl-C (prints how to push your own files).")
    boolean keepRunning;

    @Option(names = "--log-file", paramLabel = "FILE",
            description = "Write the services' logs to FILE and keep it (default: a temp file, removed on exit).")
    Path logFile;

    @Option(names = "--view", paramLabel = "MODE", defaultValue = "auto",
            description = "auto (live view on a terminal, progress lines otherwise), live, or lines "
                    + "(default: ${DEFAULT-VALUE}).")
    String view;

    @Override
    public Integer call() throws InterruptedException {
        DemoSettings settings = settings();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        DemoRun run = new DemoRun(settings, out);
        int[] exitOnSignal = {INTERRUPTED};
        Thread stopOnSignal = new Thread(() -> stopAndExit(run, out, exitOnSignal[0]), "clipstream-demo-stop");
        Runtime.getRuntime().addShutdownHook(stopOnSignal);
        int exitCode;
        try {
            exitCode = run.run();
        } catch (DemoRun.DemoInterruptedException e) {
            awaitJvmExit();
            return INTERRUPTED;
        } catch (RuntimeException e) {
            if (run.closing()) {
                awaitJvmExit(); // a Ctrl-C pulled the stack away under the run; the hook ends the JVM
            }
            List<String> tail = run.logTail(25);
            removeHookOrAwaitExit(stopOnSignal);
            run.close();
            if (!tail.isEmpty()) {
                err.println("Last lines of the service log:");
                tail.forEach(line -> err.println("  " + line));
                err.flush();
            }
            throw new CommandFailedException("The demo failed: " + e.getMessage(), e);
        }
        removeHookOrAwaitExit(stopOnSignal);
        run.close();
        out.println("Demo finished: services, Kafka and the registry stopped; all data removed.");
        out.flush();
        return exitCode;
    }

    private DemoSettings settings() {
        Duration third = duration == null ? Duration.ofSeconds(20) : duration.dividedBy(3);
        boolean ansi = switch (view) {
            case "auto" -> System.console() != null && !"dumb".equals(System.getenv("TERM"));
            case "live" -> true;
            case "lines" -> false;
            default -> throw new CommandLine.ParameterException(spec.commandLine(),
                    "Invalid value for option '--view': '" + view + "' is not one of auto, live, lines");
        };
        try {
            return new DemoSettings(vehicles, duration, seed, interval, minClipBytes, maxClipBytes,
                    outageAt != null ? outageAt : third, outageFor != null ? outageFor : third, drainTimeout,
                    batchMaxAge, keepRunning, ansi, columns(),
                    logFile == null ? null : logFile.toAbsolutePath());
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "Invalid demo options: " + e.getMessage());
        }
    }

    private static int columns() {
        try {
            return Integer.parseInt(System.getenv().getOrDefault("COLUMNS", "120").trim());
        } catch (NumberFormatException e) {
            return 120;
        }
    }

    /** During a run the summary decides the exit code; --keep-running ends with it after Ctrl-C. */
    private static void stopAndExit(DemoRun run, PrintWriter out, int interruptedCode) {
        DemoSummary summary = run.summary();
        out.println();
        out.println("Ctrl-C: stopping the fleet, the services, Kafka and the registry...");
        out.flush();
        run.close();
        out.println("Demo stopped; all its processes ended and its data removed.");
        out.flush();
        Runtime.getRuntime().halt(summary == null ? interruptedCode : summary.succeeded() ? 0 : 1);
    }

    private static void removeHookOrAwaitExit(Thread hook) throws InterruptedException {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            awaitJvmExit();
        }
    }

    /** Blocks until the shutdown in progress ends the JVM. */
    private static void awaitJvmExit() throws InterruptedException {
        new CountDownLatch(1).await();
    }
}
