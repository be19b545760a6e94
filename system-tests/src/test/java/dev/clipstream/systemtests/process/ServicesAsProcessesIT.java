package dev.clipstream.systemtests.process;

import dev.clipstream.cli.pipeline.PipelineService;
import dev.clipstream.fleet.auth.FleetTokens;
import dev.clipstream.systemtests.harness.ScenarioFigures;
import dev.clipstream.systemtests.harness.ScenarioRun;
import dev.clipstream.systemtests.harness.SeededFleet;
import dev.clipstream.systemtests.harness.Verification;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 7 §2: ingest, labeling, dispatch and both simulated backends as separate processes, each started as
 * {@code clipstream <service> --config FILE} against the devstack, carry a seeded fleet's clips end to end; each
 * logs its effective configuration with secrets masked, and no log line holds the fleet secret or a vehicle token.
 */
// Child JVMs and kill/restart cycles: far slower than a unit test, above all on a busy 2-core machine.
@Timeout(value = 15, unit = TimeUnit.MINUTES)
class ServicesAsProcessesIT {

    /** Secrets planted in the services' config files: each must show up masked, never in clear. */
    private static final String INGEST_SECRET = "planted-ingest-ssl-key-password-5f1c";
    /** A declared secret of ingest: extra vehicle token hashes (here a made-up vehicle's). */
    private static final String INGEST_TOKENS = "veh-99999=sha256:" + "9a2e".repeat(16);
    private static final String DISPATCH_SECRET = "planted-dispatch-ssl-key-password-7b3d";

    private static final SeededFleet FLEET = SeededFleet.of(10, 20, 7001);
    private static ScenarioRun run;

    @BeforeAll
    @Timeout(value = 10, unit = TimeUnit.MINUTES)
    static void startPipeline() {
        run = ScenarioRun.start(options -> options
                .withConfig(PipelineService.INGEST, "kafka.producer.ssl.key.password", INGEST_SECRET)
                .withConfig(PipelineService.INGEST, "ingest.auth.tokens", INGEST_TOKENS)
                .withConfig(PipelineService.DISPATCH, "kafka.producer.ssl.key.password", DISPATCH_SECRET));
    }

    @AfterAll
    static void stopPipeline() {
        if (run != null) {
            run.close();
        }
    }

    @Test
    void clipsFlowEndToEndThroughSeparateProcesses() {
        long start = System.nanoTime();
        for (PipelineService service : PipelineService.values()) {
            assertThat(run.pipeline().service(service).isAlive()).as(service + " process").isTrue();
        }
        assertThat(run.pipeline().service(PipelineService.INGEST).pid())
                .as("each service is its own process").isNotEqualTo(ProcessHandle.current().pid())
                .isNotEqualTo(run.pipeline().service(PipelineService.LABELING).pid());

        Set<String> accepted = FLEET.push(run.pipeline().ingestUri(), run.fleetSecret());
        assertThat(accepted).hasSize(FLEET.clips());

        Verification v = run.awaitSettled(accepted, Duration.ofSeconds(120));
        v.assertNothingLostOrDuplicated();
        assertThat(v.clipsIn()).isEqualTo(FLEET.clips());
        assertThat(v.batched()).as("clips in batches").isPositive();
        assertThat(v.batchesCompleted()).as("batches completed on a backend").isPositive();
        ScenarioFigures.of("services-as-processes", "none (five services as child JVMs with --config files)", v,
                null, Duration.ofNanos(System.nanoTime() - start),
                v.batched() + " batched, " + v.rejected() + " rejected, " + v.batches() + " batches; RSS MB "
                        + residentMegabytes()).record();
    }

    @Test
    void everyServiceLogsItsEffectiveConfigWithSecretsMasked() throws IOException {
        String ingestLog = log(PipelineService.INGEST);
        String labelingLog = log(PipelineService.LABELING);
        String dispatchLog = log(PipelineService.DISPATCH);

        for (String log : List.of(ingestLog, labelingLog, dispatchLog)) {
            assertThat(log).contains("Effective configuration of");
        }
        assertThat(ingestLog).contains("kafka.producer.ssl.key.password").contains("******")
                .doesNotContain(INGEST_SECRET);
        assertThat(ingestLog).contains("ingest.auth.tokens").doesNotContain("9a2e".repeat(16));
        assertThat(dispatchLog).contains("kafka.producer.ssl.key.password").doesNotContain(DISPATCH_SECRET);
        // Labeling has no secret keys (its Kafka pass-through takes Streams keys only); its table shows the
        // settings the pipeline gave it.
        assertThat(labelingLog).containsPattern("labeling\\.batch\\.max\\.clips +25 ");
    }

    @Test
    void noLogHoldsTheFleetSecretOrAVehicleToken() throws IOException {
        // Uploads first, so ingest has seen every token of the seeded vehicles.
        FLEET.push(run.pipeline().ingestUri(), run.fleetSecret());
        FleetTokens tokens = new FleetTokens(run.fleetSecret());
        List<String> forbidden = new ArrayList<>();
        forbidden.add(run.fleetSecret());
        for (String vehicle : FleetTokens.vehicleIds(FLEET.vehicles())) {
            forbidden.add(tokens.token(vehicle));
        }
        List<Path> logs;
        try (Stream<Path> files = Files.walk(run.pipeline().workDir())) {
            logs = files.filter(p -> p.toString().endsWith(".log")).toList();
        }
        assertThat(logs).hasSizeGreaterThanOrEqualTo(PipelineService.values().length);
        for (Path log : logs) {
            String text = Files.readString(log, StandardCharsets.UTF_8);
            for (String secret : forbidden) {
                assertThat(text).as("log %s must not hold a secret", log.getFileName()).doesNotContain(secret);
            }
        }
    }

    private static String log(PipelineService service) throws IOException {
        return Files.readString(run.pipeline().service(service).logFile(), StandardCharsets.UTF_8);
    }

    private static String residentMegabytes() {
        StringBuilder out = new StringBuilder();
        run.pipeline().stats().forEach((service, stats) -> out.append(service.displayName()).append('=')
                .append(Math.round(stats.residentMegabytes())).append(' '));
        return out.toString().trim();
    }
}
