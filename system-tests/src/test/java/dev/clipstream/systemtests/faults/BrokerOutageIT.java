package dev.clipstream.systemtests.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.clipstream.devstack.kafka.EmbeddedKafkaBroker;
import dev.clipstream.fleet.sim.FleetListener;
import dev.clipstream.fleet.sim.FleetSettings;
import dev.clipstream.fleet.sim.FleetSimulation;
import dev.clipstream.fleet.sim.FleetSummary;
import dev.clipstream.fleet.sim.SimulatedClips;
import dev.clipstream.fleet.upload.ClipOutcome;
import dev.clipstream.fleet.upload.ClipTask;
import dev.clipstream.fleet.upload.IngestClient;
import dev.clipstream.fleet.upload.IngestResponse;
import dev.clipstream.fleet.upload.RetryPolicy;
import dev.clipstream.lag.monitor.PipelineGroups;
import dev.clipstream.systemtests.harness.ScenarioFigures;
import dev.clipstream.systemtests.harness.SeededFleet;
import dev.clipstream.systemtests.harness.Verification;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scenario 3 of issue 9: the broker goes away while vehicles upload, twice in one run: first stopped (connection
 * refused; the same port and data come back), then hung (SIGSTOP: connections accepted, nothing answers). While it is
 * away ingest answers 503 and acknowledges nothing; uploaders retry; once it is back everything resumes without
 * manual action, and the verifier finds every clip ingest acknowledged in exactly one batch per campaign (or
 * rejected), nothing missing, nothing duplicated, every batch completed once.
 *
 * <p>Each outage lasts one of {@code reliability.broker.outage.seconds} (a comma-separated list, one fresh run per
 * value: 20 by default; 20 and 120 with {@code -Preliability}, where 120 s outlasts every Kafka client timeout of the
 * services, 60 s by default). The services run in this JVM (nothing of theirs is killed; the broker is the devstack's
 * child process).
 */
@Timeout(value = 15, unit = TimeUnit.MINUTES)
class BrokerOutageIT {

    private static final Logger LOG = LoggerFactory.getLogger(BrokerOutageIT.class);
    private static final long SEED = 3;
    private static final int VEHICLES = 5;
    private static final int CLIPS_PER_VEHICLE = 4;

    /** What one outage did and how long the pipeline took to come back. */
    private record Outage(String name, Set<String> accepted, int probes503, Duration recovery) {
    }

    static List<Duration> outages() {
        return Arrays.stream(System.getProperty("reliability.broker.outage.seconds", "20").split(","))
                .map(String::trim).map(seconds -> Duration.ofSeconds(Long.parseLong(seconds))).toList();
    }

    @ParameterizedTest(name = "broker away for {0}")
    @MethodSource("outages")
    void ingestRefusesWhileTheBrokerIsAwayAndNothingAcknowledgedIsLost(Duration outageLength) throws Exception {
        long started = System.nanoTime();
        try (LocalScenario scenario = LocalScenario.start(options -> options);
             ClusterProbe cluster = new ClusterProbe(scenario.stack().bootstrapServers())) {
            URI ingest = scenario.pipeline().ingestUri();
            String secret = scenario.pipeline().options().fleetSecret();
            EmbeddedKafkaBroker broker = scenario.stack().kafka();

            Set<String> expected = new LinkedHashSet<>(fleet(SEED * 10).push(ingest, secret));
            Outage stopped = outage(scenario, cluster, outageLength, "stopped", SEED * 10 + 1, broker::stop,
                    broker::restart);
            expected.addAll(stopped.accepted());
            Outage hung = outage(scenario, cluster, outageLength, "hung", SEED * 10 + 2, broker::suspend,
                    broker::resume);
            expected.addAll(hung.accepted());
            expected.addAll(fleet(SEED * 10 + 3).push(ingest, secret));

            Verification verification = scenario.awaitSettled(expected, Duration.ofMinutes(3));
            Duration wall = Duration.ofNanos(System.nanoTime() - started);
            for (Outage outage : List.of(stopped, hung)) {
                ScenarioFigures.of("3-broker-" + outage.name() + "-" + outageLength.toSeconds() + "s",
                        "broker " + outage.name() + " for " + outageLength.toSeconds() + " s during uploads ("
                                + (outage.name().equals("stopped") ? "clean stop, restart on same port and data"
                                : "SIGSTOP/SIGCONT") + "); " + outage.probes503() + " probe uploads answered 503",
                        verification, outage.recovery(), wall,
                        "recovery = from broker back to ingest 201 and labeling + dispatch lag 0").record();
            }
            verification.assertNothingLostOrDuplicated();
            assertThat(expected).as("clips acknowledged: all four fleet phases, plus probes that got through")
                    .hasSizeGreaterThanOrEqualTo(4 * VEHICLES * CLIPS_PER_VEHICLE);
        }
    }

    /**
     * Starts a fleet, takes the broker away once the first of its clips is accepted, checks that ingest answers 503
     * while it is away, brings it back after {@code outageLength}, and waits for the fleet and the pipeline to recover.
     */
    private Outage outage(LocalScenario scenario, ClusterProbe cluster, Duration outageLength, String name, long seed,
                          Runnable fault, Runnable heal) throws Exception {
        URI ingest = scenario.pipeline().ingestUri();
        String secret = scenario.pipeline().options().fleetSecret();
        AtomicInteger finished = new AtomicInteger();
        FleetSettings settings = fleet(seed).withRetry(retryingThrough(outageLength)).settings(ingest, secret);
        CompletableFuture<FleetSummary> uploads = CompletableFuture.supplyAsync(() -> {
            try {
                return FleetSimulation.run(settings, new FleetListener() {
                    @Override
                    public void clipFinished(ClipOutcome outcome) {
                        finished.incrementAndGet();
                    }
                });
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        });
        await("first clip of the " + name + " phase").atMost(Duration.ofSeconds(60)).until(() -> finished.get() > 0);

        Set<String> probedAccepted = new LinkedHashSet<>();
        Probe probe = new Probe(ingest, secret, seed);
        LOG.info("Broker {} now, for {} s, with {} of {} clips of the phase done", name, outageLength.toSeconds(),
                finished.get(), VEHICLES * CLIPS_PER_VEHICLE);
        long faultAt = System.nanoTime();
        fault.run();
        // Ingest must refuse, not acknowledge: a clip it answered 201/200 for is expected downstream.
        AtomicInteger refused = new AtomicInteger();
        await("ingest answers 503 while the broker is " + name).atMost(outageLength.plusSeconds(30))
                .pollInterval(Duration.ofMillis(500)).until(() -> {
                    IngestResponse response = probe.upload(probedAccepted);
                    if (response != null && response.status() == 503) {
                        refused.incrementAndGet();
                        assertThat(response.retryAfter()).as("Retry-After of a 503").isPresent();
                        return true;
                    }
                    return false;
                });
        long remaining = outageLength.toNanos() - (System.nanoTime() - faultAt);
        if (remaining > 0) {
            // The fault lasts its full time, whatever the probe saw first.
            await("broker " + name + " for " + outageLength.toSeconds() + " s")
                    .pollDelay(Duration.ofNanos(remaining))
                    .atMost(Duration.ofNanos(remaining).plusSeconds(5)).until(() -> true);
        }
        long healAt = System.nanoTime();
        heal.run();
        LOG.info("Broker back after {} ms", (healAt - faultAt) / 1_000_000);
        await("ingest accepts again after the broker was " + name).atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(500)).until(() -> {
                    IngestResponse response = probe.upload(probedAccepted);
                    return response != null && response.status() == 201;
                });
        // A refusal asks the uploader to retry; one that did not is no proof of anything: the event of a clip
        // refused because Kafka's ack did not come in time may still be written once the broker is back.
        await("probe clips refused during the outage accepted on retry").atMost(Duration.ofMinutes(1))
                .pollInterval(Duration.ofMillis(500)).until(() -> probe.retryRefused(probedAccepted));
        FleetSummary summary = uploads.get(5, TimeUnit.MINUTES);
        assertThat(summary.failures()).as("uploads that gave up (the uploaders retry through the outage)").isEmpty();
        await("labeling and dispatch caught up after the broker was " + name).atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(500)).ignoreExceptions().untilAsserted(() -> {
                    assertThat(cluster.recordLag(PipelineGroups.LABELING)).isZero();
                    assertThat(cluster.recordLag(PipelineGroups.DISPATCH)).isZero();
                });
        Duration recovery = Duration.ofNanos(System.nanoTime() - healAt);
        Set<String> accepted = new LinkedHashSet<>(probedAccepted);
        summary.acceptedClipIds().forEach(id -> accepted.add(id.toString()));
        LOG.info("Outage '{}': {} clips acknowledged ({} by probes), {} probes refused with 503, recovered in {} ms",
                name, accepted.size(), probedAccepted.size(), refused.get(), recovery.toMillis());
        return new Outage(name, accepted, refused.get(), recovery);
    }

    private static SeededFleet fleet(long seed) {
        return SeededFleet.of(VEHICLES, CLIPS_PER_VEHICLE, seed).withConcurrency(2);
    }

    /** Keeps retrying for well past the outage, with short waits so the fleet notices the broker is back soon. */
    private static RetryPolicy retryingThrough(Duration outage) {
        Duration cap = Duration.ofSeconds(2);
        return new RetryPolicy((int) outage.toSeconds() + 60, Duration.ofMillis(200), cap, cap);
    }

    /**
     * One fresh clip per call (vehicle 1, its own seed), uploaded once; clips it was refused (or got no answer for)
     * are kept for {@link #retryRefused}, as an uploader keeps them for its retries.
     */
    private static final class Probe {
        private final SimulatedClips clips;
        private final IngestClient client;
        private final List<ClipTask> refused = new ArrayList<>();
        private long next;

        Probe(URI ingest, String secret, long seed) {
            this.clips = new SimulatedClips(SeededFleet.of(1, 1, seed * 1000 + 7).settings(ingest, secret));
            this.client = new IngestClient(ingest, Duration.ofSeconds(3), Duration.ofSeconds(30));
        }

        /**
         * Uploads the next clip; adds its id to {@code accepted} on 201/200. Null when the connection failed (e.g.
         * reset while ingest refused a body it did not read): no answer is no acknowledgement.
         */
        IngestResponse upload(Set<String> accepted) throws Exception {
            ClipTask task = clips.task(1, next++);
            IngestResponse response = put(task, accepted);
            if (response == null || !response.success()) {
                refused.add(task);
            }
            return response;
        }

        /** Uploads every refused clip once more; true when all of them are accepted by now. */
        boolean retryRefused(Set<String> accepted) throws Exception {
            for (java.util.Iterator<ClipTask> it = refused.iterator(); it.hasNext(); ) {
                IngestResponse response = put(it.next(), accepted);
                if (response != null && response.success()) {
                    it.remove();
                }
            }
            return refused.isEmpty();
        }

        private IngestResponse put(ClipTask task, Set<String> accepted) throws Exception {
            try {
                IngestResponse response = client.put(task.prepare().call());
                if (response.success()) {
                    accepted.add(task.clipId().toString());
                }
                return response;
            } catch (java.io.IOException e) {
                LOG.info("Probe upload got no answer: {}", e.toString());
                return null;
            }
        }
    }
}
