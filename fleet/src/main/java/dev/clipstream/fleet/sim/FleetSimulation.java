package dev.clipstream.fleet.sim;

/**
 * The in-process API of {@code clipstream push} for a simulated fleet (the demo and tests call it directly).
 *
 * <pre>{@code
 * FleetSummary summary = FleetSimulation.run(FleetSettings.of(ingestUrl, 5, 10, "secret"), FleetListener.NONE);
 * summary.acceptedClipIds();   // every clip ingest holds after the run
 * }</pre>
 */
public final class FleetSimulation {

    private FleetSimulation() {
    }

    /** Runs the fleet to its clip count or duration; blocks until every started upload has ended. */
    public static FleetSummary run(FleetSettings settings, FleetListener listener) throws InterruptedException {
        return session(settings, listener).run(new SimulatedClips(settings));
    }

    /** A session for this fleet, for callers that want to {@link UploadSession#stop()} it from another thread. */
    public static UploadSession session(FleetSettings settings, FleetListener listener) {
        return new UploadSession(runSettings(settings), listener);
    }

    /** The same, talking to an https ingest whose certificate {@code sslContext} trusts (null = JVM default). */
    public static UploadSession session(FleetSettings settings, FleetListener listener,
                                        javax.net.ssl.SSLContext sslContext) {
        return new UploadSession(runSettings(settings).withSslContext(sslContext), listener);
    }

    static RunSettings runSettings(FleetSettings settings) {
        return new RunSettings(settings.ingestUrl(), settings.concurrency(), settings.journal(), settings.retry(),
                settings.connectTimeout(), settings.requestTimeout(), settings.progressInterval());
    }
}
