package dev.clipstream.systemtests.faults;

import dev.clipstream.backends.api.HttpTrainingBackendClient;
import dev.clipstream.backends.api.TrainingBackendClient;
import dev.clipstream.cli.pipeline.LocalPipeline;
import dev.clipstream.cli.pipeline.PipelineOptions;
import dev.clipstream.cli.pipeline.PipelineService;
import dev.clipstream.devstack.DevStack;
import dev.clipstream.devstack.DevStackOptions;
import dev.clipstream.devstack.process.Cleanup;
import dev.clipstream.labeling.campaign.CampaignAdmin;
import dev.clipstream.schemas.serde.SerdeSettings;
import dev.clipstream.schemas.topic.TopicBootstrap;
import dev.clipstream.schemas.topic.TopicCatalog;
import dev.clipstream.systemtests.harness.PipelineVerifier;
import dev.clipstream.systemtests.harness.ScenarioCampaigns;
import dev.clipstream.systemtests.harness.ScenarioRun;
import dev.clipstream.systemtests.harness.Verification;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.UnaryOperator;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

import static org.awaitility.Awaitility.await;

/**
 * A fresh devstack with the five services in this JVM ({@link LocalPipeline}), for scenarios that kill no service
 * process (the broker is the devstack's own child). The same CI settings and scenario campaigns as the harness's
 * {@link ScenarioRun}, and its verifier.
 */
final class LocalScenario implements AutoCloseable {

    private final DevStack stack;
    private final LocalPipeline pipeline;
    private final PipelineVerifier verifier;
    private final List<TrainingBackendClient> backends;

    private LocalScenario(DevStack stack, LocalPipeline pipeline) {
        this.stack = stack;
        this.pipeline = pipeline;
        this.verifier = new PipelineVerifier(stack.bootstrapServers(), pipeline.catalog());
        this.backends = List.of(
                new HttpTrainingBackendClient("dojo", pipeline.backendUri(PipelineService.DOJO), Duration.ofSeconds(5)),
                new HttpTrainingBackendClient("nvidia", pipeline.backendUri(PipelineService.NVIDIA),
                        Duration.ofSeconds(5)));
    }

    static LocalScenario start(UnaryOperator<PipelineOptions> customize) {
        DevStack stack = DevStack.start(DevStackOptions.defaults());
        try {
            TopicCatalog catalog = TopicCatalog.create(new SerdeSettings(stack.schemaRegistryUrl(), false));
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                    stack.bootstrapServers()))) {
                new TopicBootstrap(admin).ensureTopics(catalog);
            }
            TopicBootstrap.registerSchemas(catalog);
            new CampaignAdmin(catalog, stack.bootstrapServers()).publish(ScenarioCampaigns.all(Instant.now()));
            return new LocalScenario(stack, LocalPipeline.start(customize.apply(ScenarioRun.ciOptions(stack))));
        } catch (RuntimeException e) {
            throw Cleanup.afterFailure(e, stack::close);
        }
    }

    DevStack stack() {
        return stack;
    }

    LocalPipeline pipeline() {
        return pipeline;
    }

    List<TrainingBackendClient> backends() {
        return backends;
    }

    Verification verify(Collection<String> expectedClipIds) {
        return verifier.verify(expectedClipIds, backends);
    }

    /** Waits until the verification is settled (or the timeout passes) and returns the last one. */
    Verification awaitSettled(Collection<String> expectedClipIds, Duration timeout) {
        AtomicReference<Verification> last = new AtomicReference<>();
        try {
            await("pipeline settled").atMost(timeout).pollInterval(Duration.ofSeconds(1)).ignoreExceptions()
                    .until(() -> {
                        last.set(verify(expectedClipIds));
                        return last.get().settled();
                    });
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            if (last.get() == null) {
                throw e;
            }
        }
        return last.get();
    }

    @Override
    public void close() {
        Cleanup.runAll(
                () -> backends.forEach(TrainingBackendClient::close),
                pipeline::close,
                stack::close);
    }
}
