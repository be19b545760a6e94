package dev.clipstream.fleet.cli;

import dev.clipstream.fleet.files.FileClips;
import dev.clipstream.fleet.files.FileMetadataDefaults;
import dev.clipstream.fleet.files.FilePush;
import dev.clipstream.fleet.metadata.ClipMetadata;
import dev.clipstream.fleet.metadata.MetadataSettings;
import dev.clipstream.fleet.progress.ProgressFormat;
import dev.clipstream.fleet.progress.UploadStats;
import dev.clipstream.fleet.sim.FleetListener;
import dev.clipstream.fleet.sim.FleetSettings;
import dev.clipstream.fleet.sim.FleetSimulation;
import dev.clipstream.fleet.sim.FleetSummary;
import dev.clipstream.fleet.sim.RunSettings;
import dev.clipstream.fleet.sim.SimulatedClips;
import dev.clipstream.fleet.sim.UploadSession;
import dev.clipstream.fleet.upload.ClipOutcome;
import dev.clipstream.fleet.upload.RetryPolicy;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code clipstream push}: a simulated fleet, or real video files, uploaded to ingest like real vehicles do. */
@Command(
        name = "push",
        header = "Upload clips to ingest as vehicles do: simulated fleet or your own files.",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        usageHelpWidth = 110,
        description = {
                "Upload clips to the ingest service (HTTP API v1) the way real vehicles do: bounded concurrency, "
                        + "retries with exponential backoff and full jitter on connection errors, timeouts, 408, 429 "
                        + "and 5xx, Retry-After honoured, other 4xx final.",
                "",
                "Without FILE arguments it simulates a fleet: --vehicles vehicles (veh-00001 ...) each upload --clips "
                        + "clips, or upload for --duration: small but valid MP4 files of --clip-size with plausible "
                        + "metadata (camera, GPS box, speed, trigger, firmware, privacy attestation), all derived "
                        + "from --seed. Tokens come from --fleet-secret (see `push tokens`).",
                "With FILE arguments it uploads those video files as clips of --vehicle with --token; metadata comes "
                        + "from the flags below, the file's movie header and its modification time.",
                "",
                "Resume: with --journal FILE every clip's state is recorded (fsynced once accepted). Run the same "
                        + "command again after a crash or Ctrl-C: clip ids derive from the seed (or the file "
                        + "content), accepted clips are skipped, clips that were in flight are checked with a GET "
                        + "first, and ingest answers a re-sent clip with 200 already-accepted, never a second event.",
                "",
                "Prints a progress line every --progress-interval and a summary at the end."},
        subcommands = PushTokensCommand.class,
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
                "0:Every clip was accepted (or had been by an earlier run).",
                "1:At least one clip failed, or the push could not run (e.g. the journal cannot be written).",
                "2:Usage error: unknown option, bad value, missing --fleet-secret / --vehicle / --token."},
        footerHeading = "%nExamples:%n",
        footer = {
                "  # The tokens file ingest reads, then 20 vehicles x 10 clips of 2 MB, resumable:",
                "  clipstream push tokens --fleet-secret s3cret --vehicles 20 --out tokens.properties",
                "  clipstream push --fleet-secret s3cret --vehicles 20 --clips 10 --clip-size 2MB --journal push.journal",
                "  # 100 vehicles for 2 minutes, clips of 1-20 MB, 16 uploads at a time:",
                "  clipstream push --fleet-secret s3cret --vehicles 100 --duration 2m --clip-size 1MB "
                        + "--clip-size-max 20MB --concurrency 16",
                "  # Real files of one vehicle:",
                "  clipstream push --vehicle veh-00001 --token \"$TOKEN\" --camera FRONT_WIDE --blur-model blur-2026.10.1 "
                        + "drive1.mp4 drive2.mov"})
public final class PushCommand implements Callable<Integer> {

    private static final Pattern RESOLUTION = Pattern.compile("(\\d{1,5})x(\\d{1,5})");

    @Spec
    CommandSpec spec;

    @Parameters(paramLabel = "FILE", arity = "0..*",
            description = "Video files to upload (.mp4, .m4v, .mov, .mkv, .webm). None: simulate a fleet.")
    List<Path> files = new ArrayList<>();

    @Option(names = "--ingest-url", paramLabel = "URL",
            defaultValue = "${env:CLIPSTREAM_INGEST_URL:-http://127.0.0.1:8080}",
            description = "Base URL of the ingest service (default: $CLIPSTREAM_INGEST_URL or ${DEFAULT-VALUE}).")
    URI ingestUrl;

    @Option(names = "--trust-store", paramLabel = "FILE",
            description = "For an https --ingest-url whose certificate the JVM does not trust: a PKCS12 or JKS "
                    + "trust store with its certificate (or its CA's).")
    Path trustStore;

    @Option(names = "--trust-store-password", paramLabel = "PASSWORD", interactive = false,
            defaultValue = "${env:CLIPSTREAM_TRUST_STORE_PASSWORD:-}",
            description = "Password of --trust-store (default: $CLIPSTREAM_TRUST_STORE_PASSWORD).")
    String trustStorePassword;

    @Option(names = "--trust-store-type", paramLabel = "TYPE", defaultValue = "PKCS12",
            description = "PKCS12 or JKS (default: ${DEFAULT-VALUE}).")
    String trustStoreType;

    @Option(names = "--concurrency", paramLabel = "N", defaultValue = "8",
            description = "Uploads in flight at once (default: ${DEFAULT-VALUE}).")
    int concurrency;

    @Option(names = "--journal", paramLabel = "FILE",
            description = "Resume journal: created if absent; clips it records as accepted are not sent again.")
    Path journal;

    @Option(names = "--max-attempts", paramLabel = "N", defaultValue = "8",
            description = "Attempts per clip before it counts as failed (default: ${DEFAULT-VALUE}).")
    int maxAttempts;

    @Option(names = "--retry-base", paramLabel = "DURATION", defaultValue = "250ms", converter = Durations.class,
            description = "Backoff of the first retry; doubles per retry, with full jitter (default: ${DEFAULT-VALUE}).")
    Duration retryBase;

    @Option(names = "--retry-max", paramLabel = "DURATION", defaultValue = "30s", converter = Durations.class,
            description = "Cap of one backoff wait (default: ${DEFAULT-VALUE}). Retry-After up to 2m is honoured.")
    Duration retryMax;

    @Option(names = "--request-timeout", paramLabel = "DURATION", defaultValue = "2m", converter = Durations.class,
            description = "Longest wait for one upload's answer, body included (default: ${DEFAULT-VALUE}).")
    Duration requestTimeout;

    @Option(names = "--connect-timeout", paramLabel = "DURATION", defaultValue = "5s", converter = Durations.class,
            description = "Longest wait for a connection (default: ${DEFAULT-VALUE}).")
    Duration connectTimeout;

    @Option(names = "--progress-interval", paramLabel = "DURATION", defaultValue = "5s",
            converter = Durations.class, description = "How often to print a progress line (default: ${DEFAULT-VALUE}).")
    Duration progressInterval;

    @CommandLine.ArgGroup(validate = false, heading = "%nSimulated fleet (no FILE arguments):%n")
    SimulationOptions simulation = new SimulationOptions();

    @CommandLine.ArgGroup(validate = false, heading = "%nReal files (FILE arguments):%n")
    FileOptions fileOptions = new FileOptions();

    static final class SimulationOptions {
        @Option(names = "--fleet-secret", paramLabel = "SECRET", defaultValue = "${env:CLIPSTREAM_FLEET_SECRET}",
                description = "Secret every vehicle token is derived from (default: $CLIPSTREAM_FLEET_SECRET). "
                        + "Ingest must know the tokens: `clipstream push tokens`.")
        String fleetSecret;

        @Option(names = "--vehicles", paramLabel = "N", defaultValue = "10",
                description = "Simulated vehicles veh-00001 .. (default: ${DEFAULT-VALUE}).")
        int vehicles;

        @Option(names = "--clips", paramLabel = "N",
                description = "Clips per vehicle (default: 10, or unlimited with --duration).")
        Long clipsPerVehicle;

        @Option(names = "--duration", paramLabel = "DURATION", converter = Durations.class,
                description = "Stop starting new clips after this long, e.g. 90s, 5m.")
        Duration duration;

        @Option(names = "--clip-size", paramLabel = "SIZE", defaultValue = "1MB", converter = Sizes.class,
                description = "Size of each clip, e.g. 100KB, 50MB (default: ${DEFAULT-VALUE}).")
        long clipSize;

        @Option(names = "--clip-size-max", paramLabel = "SIZE", converter = Sizes.class,
                description = "With it, sizes are drawn between --clip-size and this.")
        Long clipSizeMax;

        @Option(names = "--seed", paramLabel = "N", defaultValue = "42",
                description = "Seed of clip ids, bytes and metadata; same seed = same clips (default: ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = "--implausible-fraction", paramLabel = "F", defaultValue = "0.02",
                description = "Share of clips with implausible metadata (400+ km/h, teleports, wrong duration) "
                        + "for labeling to reject (default: ${DEFAULT-VALUE}).")
        double implausibleFraction;

        @Option(names = "--unattested-fraction", paramLabel = "F", defaultValue = "0.05",
                description = "Share of clips without a full privacy attestation (default: ${DEFAULT-VALUE}).")
        double unattestedFraction;
    }

    static final class FileOptions {
        @Option(names = "--vehicle", paramLabel = "ID", description = "Vehicle the files are uploaded as.")
        String vehicle;

        @Option(names = "--token", paramLabel = "TOKEN", defaultValue = "${env:CLIPSTREAM_PUSH_TOKEN}",
                description = "The vehicle's bearer token (default: $CLIPSTREAM_PUSH_TOKEN).")
        String token;

        @Option(names = "--camera", paramLabel = "CAMERA", defaultValue = "FRONT_MAIN",
                description = "Camera symbol, e.g. FRONT_WIDE, REAR (default: ${DEFAULT-VALUE}).")
        String camera;

        @Option(names = "--trigger", paramLabel = "ID", defaultValue = "manual-upload",
                description = "Trigger id (default: ${DEFAULT-VALUE}).")
        String trigger;

        @Option(names = "--campaign", paramLabel = "ID", description = "Campaign id; repeatable.")
        List<String> campaigns = new ArrayList<>();

        @Option(names = "--firmware", paramLabel = "VERSION", defaultValue = "unknown",
                description = "Firmware version (default: ${DEFAULT-VALUE}).")
        String firmware;

        @Option(names = "--capture-start", paramLabel = "INSTANT",
                description = "Capture start, ISO-8601 (default: file modification time minus duration).")
        String captureStart;

        @Option(names = "--clip-duration", paramLabel = "DURATION", converter = Durations.class,
                description = "Clip duration (default: from the MP4/MOV movie header, else 10s).")
        Duration clipDuration;

        @Option(names = "--resolution", paramLabel = "WxH",
                description = "Frame size, e.g. 1920x1080 (default: from the movie header, else 1280x960).")
        String resolution;

        @Option(names = "--fps", paramLabel = "N", defaultValue = "30",
                description = "Frames per second (default: ${DEFAULT-VALUE}).")
        double fps;

        @Option(names = "--codec", paramLabel = "CODEC", defaultValue = "H264",
                description = "H264, H265, AV1 or RAW (default: ${DEFAULT-VALUE}).")
        String codec;

        @Option(names = "--location", paramLabel = "MINLAT,MINLON,MAXLAT,MAXLON", split = ",",
                description = "Bounding box of where the clip was recorded (default: 0,0,0,0).")
        List<Double> location = new ArrayList<>();

        @Option(names = "--blur-model", paramLabel = "VERSION",
                description = "Attest that faces and plates were blurred by this model; without it the files "
                        + "carry no privacy attestation (and will not reach training).")
        String blurModel;
    }

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        RetryPolicy retry;
        try {
            retry = new RetryPolicy(maxAttempts, retryBase, retryMax, Duration.ofMinutes(2));
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
        UploadSession session;
        String what;
        if (files.isEmpty()) {
            FleetSettings settings = fleetSettings(retry);
            session = FleetSimulation.session(settings, listener(out), sslContext());
            what = String.format("Pushing %d simulated vehicles x %s clips of %s%s to %s, %d at a time",
                    settings.vehicles(), settings.clipsPerVehicle() == 0 ? "unlimited" : settings.clipsPerVehicle(),
                    Sizes.format(settings.minClipBytes()),
                    settings.maxClipBytes() > settings.minClipBytes()
                            ? "-" + Sizes.format(settings.maxClipBytes()) : "",
                    settings.ingestUrl(), settings.concurrency())
                    + (settings.duration() == null ? "" : " for " + settings.duration().toSeconds() + " s");
            return execute(session, new SimulatedClips(settings), what, out);
        }
        RunSettings settings = runSettings(retry);
        FileMetadataDefaults metadata = fileMetadata();
        for (Path file : files) {
            Optional<String> problem = FileClips.problem(file);
            if (problem.isPresent()) {
                throw usage(problem.get());
            }
        }
        session = new UploadSession(settings, listener(out));
        what = "Pushing " + files.size() + " file(s) as vehicle " + fileOptions.vehicle + " to " + settings.ingestUrl();
        return execute(session, new FileClips(files, fileOptions.vehicle, fileOptions.token, metadata), what, out);
    }

    private int execute(UploadSession session, dev.clipstream.fleet.upload.ClipSource source, String what,
                        PrintWriter out) throws InterruptedException {
        out.println(what + (journal == null ? "" : " (journal " + journal + ")"));
        out.flush();
        CountDownLatch finished = new CountDownLatch(1);
        // Ctrl-C: start no new clip, let the started ones end (their state reaches the journal), print the summary.
        Thread stopOnSignal = new Thread(() -> {
            session.stop();
            try {
                finished.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "clipstream-push-stop");
        Runtime.getRuntime().addShutdownHook(stopOnSignal);
        try {
            FleetSummary summary = session.run(source);
            out.println(ProgressFormat.summary(summary.totals()));
            List<ClipOutcome> failures = summary.failures();
            if (!failures.isEmpty()) {
                out.println("Failed clips (first 10):");
                failures.stream().limit(10).forEach(f -> out.printf("  %s %s: %s (%s)%n", f.vehicleId(), f.clipId(),
                        f.result() == null ? "" : f.result().errorKind(),
                        f.result() == null ? "" : f.result().message()));
            }
            out.flush();
            removeHook(stopOnSignal);
            return failures.isEmpty() ? CommandLine.ExitCode.OK : CommandLine.ExitCode.SOFTWARE;
        } finally {
            // Only now may a Ctrl-C shutdown proceed: the summary has been printed.
            finished.countDown();
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // Ctrl-C: the hook waits for this command to finish; the JVM then exits.
        }
    }

    private static FleetListener listener(PrintWriter out) {
        return new FleetListener() {
            @Override
            public void progress(UploadStats.Snapshot snapshot) {
                out.println(ProgressFormat.line(snapshot));
                out.flush();
            }
        };
    }

    FleetSettings fleetSettings(RetryPolicy retry) {
        SimulationOptions sim = simulation;
        if (sim.fleetSecret == null || sim.fleetSecret.isBlank()) {
            throw usage("A simulated fleet needs --fleet-secret (or $CLIPSTREAM_FLEET_SECRET): the vehicle tokens "
                    + "derive from it");
        }
        if (fileOptions.vehicle != null) {
            throw usage("--vehicle is for pushing FILE arguments; without files the fleet is simulated");
        }
        long clips = sim.clipsPerVehicle != null ? sim.clipsPerVehicle : sim.duration == null ? 10 : 0;
        long maxSize = sim.clipSizeMax != null ? sim.clipSizeMax : sim.clipSize;
        try {
            MetadataSettings metadata = new MetadataSettings(sim.seed, MetadataSettings.DEFAULT_FLEET_START,
                    sim.implausibleFraction, sim.unattestedFraction);
            return new FleetSettings(ingestUrl, sim.vehicles, clips, sim.duration, sim.clipSize, maxSize, concurrency,
                    sim.fleetSecret, journal, metadata, retry, connectTimeout, requestTimeout, progressInterval);
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
    }

    private javax.net.ssl.SSLContext sslContext() {
        if (trustStore == null) {
            return null;
        }
        try {
            return dev.clipstream.fleet.upload.TrustStores.sslContext(trustStore,
                    trustStorePassword == null ? new char[0] : trustStorePassword.toCharArray(), trustStoreType);
        } catch (IllegalArgumentException e) {
            throw usage("--trust-store: " + e.getMessage());
        }
    }

    private RunSettings runSettings(RetryPolicy retry) {
        try {
            return new RunSettings(ingestUrl, concurrency, journal, retry, connectTimeout, requestTimeout,
                    progressInterval, sslContext());
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
    }

    FileMetadataDefaults fileMetadata() {
        FileOptions f = fileOptions;
        if (f.vehicle == null) {
            throw usage("Pushing files needs --vehicle: the vehicle id the clips belong to");
        }
        if (f.token == null || f.token.isBlank()) {
            throw usage("Pushing files needs --token (or $CLIPSTREAM_PUSH_TOKEN): the vehicle's bearer token");
        }
        Instant start = null;
        if (f.captureStart != null) {
            try {
                start = Instant.parse(f.captureStart);
            } catch (DateTimeParseException e) {
                throw usage("--capture-start '" + f.captureStart + "' is not an ISO-8601 instant such as "
                        + "2026-11-28T21:14:03Z");
            }
        }
        ClipMetadata.Resolution resolution = null;
        if (f.resolution != null) {
            var matcher = RESOLUTION.matcher(f.resolution.trim());
            if (!matcher.matches()) {
                throw usage("--resolution '" + f.resolution + "' is not WIDTHxHEIGHT such as 1920x1080");
            }
            resolution = new ClipMetadata.Resolution(Integer.parseInt(matcher.group(1)),
                    Integer.parseInt(matcher.group(2)));
        }
        ClipMetadata.GeoBox location = new ClipMetadata.GeoBox(0, 0, 0, 0);
        if (!f.location.isEmpty()) {
            if (f.location.size() != 4) {
                throw usage("--location needs four numbers: MINLAT,MINLON,MAXLAT,MAXLON");
            }
            location = new ClipMetadata.GeoBox(f.location.get(0), f.location.get(1), f.location.get(2),
                    f.location.get(3));
        }
        ClipMetadata.Privacy privacy = f.blurModel == null ? null : new ClipMetadata.Privacy(true, true, f.blurModel);
        return new FileMetadataDefaults(f.camera, f.trigger, f.campaigns, f.firmware, start,
                f.clipDuration == null ? null : f.clipDuration.toMillis(), resolution, f.fps, f.codec, location,
                new ClipMetadata.Speed(0, 0, 0), privacy);
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }
}
