package dev.clipstream.cli.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PipelineOptionsTest {

    private final PipelineOptions defaults = PipelineOptions.defaults("127.0.0.1:9092",
            "http://127.0.0.1:8081/apis/ccompat/v7", Path.of("/tmp/work"));

    @Test
    void withConfigAddsKeysPerServiceWithoutTouchingOthers() {
        PipelineOptions options = defaults
                .withConfig(PipelineService.LABELING, "labeling.batch.max.age", "5s")
                .withConfig(PipelineService.LABELING, "labeling.batch.max.clips", "10")
                .withConfig(PipelineService.INGEST, "ingest.rate.limit.per.second", "0")
                .withConfig(PipelineService.LABELING, "labeling.batch.max.age", "7s");

        assertThat(options.overrides(PipelineService.LABELING))
                .containsExactlyInAnyOrderEntriesOf(Map.of("labeling.batch.max.age", "7s",
                        "labeling.batch.max.clips", "10"));
        assertThat(options.overrides(PipelineService.INGEST)).containsEntry("ingest.rate.limit.per.second", "0");
        assertThat(options.overrides(PipelineService.DISPATCH)).isEmpty();
        assertThat(defaults.overrides(PipelineService.LABELING)).isEmpty();
    }

    @Test
    void badValuesAreRefusedNamingTheProblem() {
        assertThatThrownBy(() -> defaults.withVehicles(0)).hasMessageContaining("vehicles must be 1..99999");
        assertThatThrownBy(() -> defaults.withFleetSecret("")).hasMessageContaining("fleet secret");
        assertThatThrownBy(() -> defaults.withBackendTimeScale(0)).hasMessageContaining("time scale");
        assertThatThrownBy(() -> defaults.withBackendTimeScale(Double.NaN)).hasMessageContaining("time scale");
        assertThatThrownBy(() -> PipelineOptions.defaults(" ", "http://r", null))
                .hasMessageContaining("bootstrap servers");
    }

    @Test
    void configFilesCarryPlatformKeysFreePortsDataDirsAndOverridesLast() {
        Path work = Path.of("/tmp/work");
        PipelineOptions options = defaults.withBackendTimeScale(600).withSeed(9)
                .withConfig(PipelineService.INGEST, "ingest.http.port", "18080")
                .withConfig(PipelineService.DOJO, "backend.capacity.units", "24");
        Map<String, URI> backends = new LinkedHashMap<>();
        backends.put("dojo", URI.create("http://127.0.0.1:1001"));
        backends.put("nvidia", URI.create("http://127.0.0.1:1002"));

        Map<String, String> ingest = PipelineConfigs.keys(PipelineService.INGEST, options, work, backends);
        assertThat(ingest).containsEntry("kafka.bootstrap.servers", "127.0.0.1:9092")
                .containsEntry("schema.registry.url", "http://127.0.0.1:8081/apis/ccompat/v7")
                .containsEntry("management.port", "0")
                .containsEntry("ingest.http.port", "18080") // the override wins
                .containsEntry("ingest.blob.dir", work.resolve("ingest/blobs").toString())
                .containsEntry("ingest.auth.tokens.file", PipelineConfigs.tokensFile(work).toString());

        assertThat(PipelineConfigs.keys(PipelineService.DISPATCH, options, work, backends))
                .containsEntry("dispatch.backends", "dojo=http://127.0.0.1:1001,nvidia=http://127.0.0.1:1002");
        assertThat(PipelineConfigs.keys(PipelineService.LABELING, options, work, backends))
                .containsEntry("labeling.topics.create", "false")
                .containsEntry("kafka.streams.state.dir", work.resolve("labeling/state").toString());
        assertThat(PipelineConfigs.keys(PipelineService.DOJO, options, work, backends))
                .containsEntry("backend.name", "dojo").containsEntry("backend.port", "0")
                .containsEntry("backend.time.scale", "600.0").containsEntry("backend.seed", "9")
                .containsEntry("backend.capacity.units", "24");
        assertThat(PipelineConfigs.keys(PipelineService.NVIDIA, options, work, backends))
                .containsEntry("backend.name", "nvidia").doesNotContainKey("backend.capacity.units");
    }
}
