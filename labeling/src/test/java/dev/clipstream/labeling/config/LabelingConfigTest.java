package dev.clipstream.labeling.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clipstream.runtime.config.ConfigException;
import dev.clipstream.runtime.config.ConfigLoader;
import dev.clipstream.runtime.config.EffectiveConfig;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LabelingConfigTest {

    private static final Map<String, String> PLATFORM = Map.of(
            "CLIPSTREAM_KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092",
            "CLIPSTREAM_SCHEMA_REGISTRY_URL", "http://127.0.0.1:8081");

    @Test
    void theDefaultsFileGivesTheDocumentedDefaults() {
        EffectiveConfig config = new ConfigLoader(LabelingConfig.definition(), PLATFORM)
                .load(LabelingConfig.DEFAULTS_RESOURCE, null);

        assertThat(LabelingConfig.settings(config)).isEqualTo(LabelingSettings.defaults());
        assertThat(config.getInt("management.port")).isEqualTo(9082);
        assertThat(config.getString(LabelingConfig.APPLICATION_ID)).isEqualTo("clipstream-labeling");
    }

    @Test
    void environmentVariablesOverrideAndStreamsKeysPassThrough() {
        Map<String, String> env = new java.util.HashMap<>(PLATFORM);
        env.put("CLIPSTREAM_LABELING_BATCH_MAX_CLIPS", "7");
        env.put("CLIPSTREAM_LABELING_BATCH_MAX_AGE", "5s");
        env.put("CLIPSTREAM_KAFKA_STREAMS_NUM_STREAM_THREADS", "3");

        EffectiveConfig config = new ConfigLoader(LabelingConfig.definition(), env)
                .load(LabelingConfig.DEFAULTS_RESOURCE, null);

        assertThat(LabelingConfig.settings(config).batch().maxClips()).isEqualTo(7);
        assertThat(LabelingConfig.settings(config).batch().maxAge()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.passThrough("kafka.streams.")).containsEntry("num.stream.threads", "3");
    }

    @Test
    void aMisspeltKeyIsNamedWithASuggestion() {
        Map<String, String> env = new java.util.HashMap<>(PLATFORM);
        env.put("CLIPSTREAM_LABELING_BATCH_MAX_CLIP", "7");

        assertThatThrownBy(() -> new ConfigLoader(LabelingConfig.definition(), env)
                .load(LabelingConfig.DEFAULTS_RESOURCE, null))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("labeling.batch.max.clip")
                .hasMessageContaining("did you mean 'labeling.batch.max.clips'");
    }

    @Test
    void aBatchClipLimitThatCouldOutgrowTheBatchesTopicIsRefusedWithTheReason() {
        Map<String, String> env = new java.util.HashMap<>(PLATFORM);
        env.put("CLIPSTREAM_LABELING_BATCH_MAX_CLIPS", Integer.toString(BatchLimits.MAX_CLIPS_PER_BATCH));
        EffectiveConfig largest = new ConfigLoader(LabelingConfig.definition(), env)
                .load(LabelingConfig.DEFAULTS_RESOURCE, null);
        assertThat(LabelingConfig.settings(largest).batch().maxClips()).isEqualTo(1000);

        env.put("CLIPSTREAM_LABELING_BATCH_MAX_CLIPS", "1001");
        EffectiveConfig tooLarge = new ConfigLoader(LabelingConfig.definition(), env)
                .load(LabelingConfig.DEFAULTS_RESOURCE, null);
        assertThatThrownBy(() -> LabelingConfig.settings(tooLarge))
                .hasMessageContaining("between 1 and 1000")
                .hasMessageContaining("training.batches size limit")
                .hasMessageContaining("was 1001");
    }
}
