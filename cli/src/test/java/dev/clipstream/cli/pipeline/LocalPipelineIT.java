package dev.clipstream.cli.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.clipstream.devstack.DevStack;
import dev.clipstream.devstack.DevStackOptions;
import dev.clipstream.fleet.sim.FleetListener;
import dev.clipstream.fleet.sim.FleetSettings;
import dev.clipstream.fleet.sim.FleetSimulation;
import dev.clipstream.fleet.sim.FleetSummary;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole pipeline in this JVM on its own devstack (the labeling app and dispatcher use the fixed production
 * group ids, so a shared cluster would mix their offsets with other tests'): clips uploaded over HTTP come out as
 * completed training jobs, and close() leaves nothing behind.
 */
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class LocalPipelineIT {

    private static DevStack stack;

    @TempDir
    Path temp;

    @BeforeAll
    static void startStack() {
        stack = DevStack.start(DevStackOptions.defaults());
    }

    @AfterAll
    static void stopStack() {
        if (stack != null) {
            stack.close();
        }
    }

    @Test
    void uploadedClipsBecomeCompletedTrainingJobsAndCloseRemovesTheWorkDir() throws Exception {
        Path workDir = temp.resolve("pipeline");
        PipelineOptions options = PipelineOptions.defaults(stack.bootstrapServers(), stack.schemaRegistryUrl(), workDir)
                .withVehicles(4)
                .withFleetSecret("it-secret")
                .withBackendTimeScale(600)
                .withConfig(PipelineService.LABELING, "labeling.batch.max.age", "2s")
                .withConfig(PipelineService.LABELING, "labeling.batch.check.interval", "200ms");
        LocalPipeline pipeline = LocalPipeline.start(options);
        try {
            assertThat(pipeline.managementUris()).containsOnlyKeys(PipelineService.values());
            for (URI management : pipeline.managementUris().values()) {
                assertThat(get(management.resolve("/healthz"))).as("healthz of %s", management).isEqualTo(200);
            }
            assertThat(get(pipeline.managementUris().get(PipelineService.INGEST).resolve("/readyz"))).isEqualTo(200);
            assertThat(Files.readString(PipelineConfigs.tokensFile(workDir))).contains("veh-00004=sha256:")
                    .doesNotContain("veh-00005");

            // Exactly as an external uploader: over HTTP, with the tokens derived from the fleet secret.
            FleetSummary summary = FleetSimulation.run(FleetSettings.of(pipeline.ingestUri(), 4, 5, "it-secret")
                    .withClipBytes(150_000, 300_000), FleetListener.NONE);
            assertThat(summary.createdClipIds()).hasSize(20);

            await().atMost(Duration.ofSeconds(45)).untilAsserted(() ->
                    assertThat(pipeline.dispatcher().view().completed()).isPositive());
        } finally {
            pipeline.close();
        }
        assertThat(workDir).doesNotExist();
        pipeline.close(); // idempotent
    }

    @Test
    void aBadOverrideStopsTheStartNamingTheKeyAndLeavesNoWorkDir() {
        Path workDir = temp.resolve("bad");
        PipelineOptions options = PipelineOptions.defaults(stack.bootstrapServers(), stack.schemaRegistryUrl(), workDir)
                .withSeedCampaigns(false)
                .withConfig(PipelineService.DISPATCH, "dispatch.policy.orderr", "dojo");
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> LocalPipeline.start(options))
                .isInstanceOf(PipelineStartException.class)
                .hasMessageContaining("dispatch")
                .hasMessageContaining("dispatch.policy.orderr");
        assertThat(workDir).doesNotExist();
    }

    private static int get(URI uri) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode();
    }

}
