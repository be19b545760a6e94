package dev.clipstream.dispatch.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clipstream.dispatch.policy.BatchPriority;
import dev.clipstream.runtime.config.ConfigException;
import dev.clipstream.runtime.config.ConfigLoader;
import dev.clipstream.runtime.config.EffectiveConfig;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DispatchConfigTest {

    private static EffectiveConfig load(Map<String, String> extra) {
        Map<String, String> environment = new HashMap<>(Map.of(
                "CLIPSTREAM_KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092",
                "CLIPSTREAM_SCHEMA_REGISTRY_URL", "http://127.0.0.1:8081"));
        environment.putAll(extra);
        return new ConfigLoader(DispatchConfig.definition(), environment).load(DispatchConfig.DEFAULTS_RESOURCE, null);
    }

    @Test
    void theDefaultsDescribeDojoFirstThenNvidiaLiveBeforeReplay() {
        EffectiveConfig config = load(Map.of());
        DispatchSettings settings = DispatchConfig.settings(config);

        assertThat(settings.policy().order(BatchPriority.LIVE)).containsExactly("dojo", "nvidia");
        assertThat(settings.policy().order(BatchPriority.REPLAY)).containsExactly("dojo", "nvidia");
        assertThat(settings.policy().priorityOrder()).containsExactly(BatchPriority.LIVE, BatchPriority.REPLAY);
        assertThat(settings.policy().maxWait(BatchPriority.LIVE)).isEqualTo(Duration.ofSeconds(30));
        assertThat(settings.policy().maxWait(BatchPriority.REPLAY)).isEqualTo(Duration.ofMinutes(5));
        assertThat(settings.management().port()).isEqualTo(9083);
        assertThat(settings.batchesTopic()).isEqualTo("training.batches");
        assertThat(settings.eventsTopic()).isEqualTo("dispatch.events");
        assertThat(DispatchConfig.backends(config)).containsExactly(
                Map.entry("dojo", URI.create("http://127.0.0.1:8091")),
                Map.entry("nvidia", URI.create("http://127.0.0.1:8092")));
    }

    @Test
    void perPriorityOrdersOverrideTheCommonOne() {
        DispatchSettings settings = DispatchConfig.settings(load(Map.of(
                "CLIPSTREAM_DISPATCH_POLICY_REPLAY_ORDER", "dojo",
                "CLIPSTREAM_DISPATCH_POLICY_PRIORITY___ORDER", "replay,live")));

        assertThat(settings.policy().order(BatchPriority.REPLAY)).containsExactly("dojo");
        assertThat(settings.policy().order(BatchPriority.LIVE)).containsExactly("dojo", "nvidia");
        assertThat(settings.policy().priorityOrder()).containsExactly(BatchPriority.REPLAY, BatchPriority.LIVE);
    }

    @Test
    void badBackendsAndPrioritiesAreNamed() {
        assertThatThrownBy(() -> DispatchConfig.settings(load(Map.of(
                "CLIPSTREAM_DISPATCH_BACKENDS", "dojo=ftp://x,nvidia",
                "CLIPSTREAM_DISPATCH_POLICY_PRIORITY___ORDER", "LIVE,URGENT"))))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("backend 'dojo' has URL 'ftp://x'")
                .hasMessageContaining("entry 'nvidia', which is not name=http://host:port")
                .hasMessageContaining("names 'URGENT'");
        assertThat(List.of(BatchPriority.values())).hasSize(2);
    }
}
