package dev.clipstream.systemtests.harness;

import dev.clipstream.backends.api.HttpTrainingBackendClient;
import dev.clipstream.backends.api.TrainingBackendClient;
import dev.clipstream.cli.pipeline.PipelineOptions;
import dev.clipstream.cli.pipeline.PipelineService;
import dev.clipstream.cli.pipeline.ProcessPipeline;
import dev.clipstream.devstack.DevStack;
import dev.clipstream.devstack.DevStackException;
import dev.clipstream.devstack.DevStackOptions;
import dev.clipstream.devstack.process.Cleanup;
import dev.clipstream.labeling.campaign.CampaignAdmin;
import dev.clipstream.schemas.avro.Campaign;
import dev.clipstream.schemas.serde.SerdeSettings;
import dev.clipstream.schemas.topic.TopicBootstrap;
import dev.clipstream.schemas.topic.TopicCatalog;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;

import static org.awaitility.Awaitility.await;

/**
 * A fresh devstack with the five services as child processes on it ({@link ProcessPipeline}), plus what a scenario
 * checks with: the verifier, clients of both backends' job APIs, consumer lag. Settings fit CI (small batches that
 * close after a few seconds, fast simulated training, no upload rate limit); a scenario adjusts them with
 * {@code customize}. The {@link ScenarioCampaigns} are published before the services start. Close it to stop everything and delete every dir.
 */
public final class ScenarioRun implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ScenarioRun.class);
    public static final String LABELING_GROUP = "clipstream-labeling";
    public static final String DISPATCH_GROUP = "clipstream-dispatch";

    private final DevStack stack;
    private final ProcessPipeline pipeline;
    private final PipelineVerifier verifier;
    private final List<TrainingBackendClient> backends;
    private final ConsumerLag lag;
    private final String scenario;

    private ScenarioRun(DevStack stack, ProcessPipeline pipeline) {
        this.stack = stack;
        this.pipeline = pipeline;
        this.scenario = callingTest();
        this.verifier = new PipelineVerifier(stack.bootstrapServers(), pipeline.catalog());
        this.backends = List.of(
                new HttpTrainingBackendClient("dojo", pipeline.managementUris().get(PipelineService.DOJO),
                        Duration.ofSeconds(5)),
                new HttpTrainingBackendClient("nvidia", pipeline.managementUris().get(PipelineService.NVIDIA),
                        Duration.ofSeconds(5)));
        this.lag = new ConsumerLag(stack.bootstrapServers());
    }

    /**
     * CI-sized settings: batches of at most 25 clips closing 3 s after their first clip; jobs of seconds; labeling's
     * consumer session timeout 10 s instead of 45 s.
     */
    public static PipelineOptions ciOptions(DevStack stack) {
        return PipelineOptions.defaults(stack.bootstrapServers(), stack.schemaRegistryUrl(), null)
                .withVehicles(50)
                .withSeedCampaigns(false)
                .withBackendTimeScale(600)
                .withConfig(PipelineService.INGEST, "ingest.rate.limit.per.second", "0")
                .withConfig(PipelineService.LABELING, "labeling.batch.max.clips", "25")
                .withConfig(PipelineService.LABELING, "labeling.batch.max.age", "3s")
                .withConfig(PipelineService.LABELING, "labeling.batch.check.interval", "250ms")
                // After a kill -9 the group waits for the dead member's session to expire before it hands its
                // partitions to the restarted instance: 45 s by default, 10 s here.
                .withConfig(PipelineService.LABELING, "kafka.streams.consumer.session.timeout.ms", "10000")
                .withConfig(PipelineService.LABELING, "kafka.streams.consumer.heartbeat.interval.ms", "3000");
    }

    public static ScenarioRun start(UnaryOperator<PipelineOptions> customize) {
        DevStack stack = startDevStack();
        try {
            publishCampaigns(stack);
            ProcessPipeline pipeline = ProcessPipeline.start(customize.apply(ciOptions(stack)));
            return new ScenarioRun(stack, pipeline);
        } catch (RuntimeException e) {
            throw Cleanup.afterFailure(e, stack::close);
        }
    }

    /** A second try when the broker was not ready in time: on a busy 2-core machine its start can take 90 s. */
    private static DevStack startDevStack() {
        try {
            return DevStack.start(DevStackOptions.defaults());
        } catch (DevStackException e) {
            LOG.warn("Devstack did not start ({}); trying once more", e.getMessage().lines().findFirst().orElse(""));
            return DevStack.start(DevStackOptions.defaults());
        }
    }

    /** Topics, schemas and the scenario campaigns before labeling starts, so no early clip misses them. */
    private static void publishCampaigns(DevStack stack) {
        TopicCatalog catalog = TopicCatalog.create(new SerdeSettings(stack.schemaRegistryUrl(), false));
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                stack.bootstrapServers()))) {
            new TopicBootstrap(admin).ensureTopics(catalog);
        }
        TopicBootstrap.registerSchemas(catalog);
        new CampaignAdmin(catalog, stack.bootstrapServers()).publish(ScenarioCampaigns.all(Instant.now()));
    }

    /** Publishes campaigns (e.g. the scenario campaigns PAUSED, which closes their open batches). */
    public void publishCampaigns(List<Campaign> campaigns) {
        new CampaignAdmin(pipeline.catalog(), stack.bootstrapServers()).publish(campaigns);
    }

    public DevStack stack() {
        return stack;
    }

    public ProcessPipeline pipeline() {
        return pipeline;
    }

    public PipelineVerifier verifier() {
        return verifier;
    }

    public List<TrainingBackendClient> backends() {
        return backends;
    }

    public ConsumerLag lag() {
        return lag;
    }

    public String fleetSecret() {
        return pipeline.options().fleetSecret();
    }

    /** Verifies now (topics and backend jobs). */
    public Verification verify(Collection<String> expectedClipIds) {
        return verifier.verify(expectedClipIds, backends);
    }

    /**
     * Waits until every expected clip is accounted for and every batch completed (or the timeout passes), then
     * returns the verification; it is not asserted here, the scenario decides what it expects.
     */
    public Verification awaitSettled(Collection<String> expectedClipIds, Duration timeout) {
        AtomicReference<Verification> last = new AtomicReference<>();
        try {
            await("pipeline settled").atMost(timeout).pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
                    .until(() -> {
                        Verification v = verify(expectedClipIds);
                        last.set(v);
                        return v.settled();
                    });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            Verification v = last.get();
            LOG.warn("Pipeline not settled within {}: {}", timeout, v == null ? "no verification" : v.summary());
            if (v == null) {
                throw e;
            }
        }
        LOG.info("Verification after waiting for the pipeline to settle: {}", last.get().summary());
        return last.get();
    }

    /**
     * Waits until labeling has committed every clip on clips.uploaded and every record of its repartition topics
     * (the batcher works behind one); returns how long that took.
     */
    public Duration awaitLabelingCaughtUp(Duration timeout) {
        long start = System.nanoTime();
        await("labeling lag 0").atMost(timeout).pollInterval(Duration.ofMillis(250)).ignoreExceptions()
                .until(() -> lag.lag(LABELING_GROUP, pipeline.catalog().clipsUploaded().name()) == 0
                        && lag.totalLag(LABELING_GROUP) == 0);
        return Duration.ofNanos(System.nanoTime() - start);
    }

    @Override
    public void close() {
        Cleanup.runAll(
                () -> backends.forEach(TrainingBackendClient::close),
                lag::close,
                this::keepServiceLogs,
                pipeline::close,
                stack::close);
    }

    /**
     * Copies every service's log files (one per launch) to target/system-tests/logs/SCENARIO/ before the work dir is
     * deleted: when a scenario fails in CI, its services' own account of what happened is all there is to go on.
     */
    private void keepServiceLogs() {
        Path target = Path.of("target", "system-tests", "logs", scenario);
        try {
            Files.createDirectories(target);
            for (PipelineService service : PipelineService.values()) {
                Path dir = pipeline.service(service).logFile().getParent();
                try (var logs = Files.list(dir)) {
                    for (Path log : logs.filter(p -> p.getFileName().toString().endsWith(".log")).toList()) {
                        Files.copy(log, target.resolve(log.getFileName()),
                                java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
            LOG.info("Service logs of this scenario kept in {}", target.toAbsolutePath());
        } catch (IOException e) {
            throw new UncheckedIOException("Could not keep the service logs in " + target, e);
        }
    }

    /** The simple name of the test class that started this run (the first *IT on the stack), for the log folder. */
    private static String callingTest() {
        return StackWalker.getInstance().walk(frames -> frames
                .map(StackWalker.StackFrame::getClassName)
                .filter(name -> name.endsWith("IT"))
                .map(name -> name.substring(name.lastIndexOf('.') + 1))
                .findFirst()
                .orElse("scenario-" + System.currentTimeMillis()));
    }
}
