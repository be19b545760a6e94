package dev.clipstream.labeling.app;

import java.util.Map;
import java.util.Properties;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LabelingStreamsConfigTest {

    @Test
    void exactlyOnceUnlessAnOverrideNamesAnotherGuarantee() {
        Properties defaults = LabelingStreamsConfig.properties("app", "127.0.0.1:9092", "dlq", (short) 1,
                Map.of("commit.interval.ms", "250"));
        assertThat(defaults.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG)).isEqualTo(StreamsConfig.EXACTLY_ONCE_V2);
        assertThat(defaults.get(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG)).isEqualTo("250");

        Properties control = LabelingStreamsConfig.properties("app", "127.0.0.1:9092", "dlq", (short) 1,
                Map.of(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE));
        assertThat(control.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG)).isEqualTo(StreamsConfig.AT_LEAST_ONCE);
    }
}
