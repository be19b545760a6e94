package dev.clipstream.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ProducerSettingsTest {

    @Test
    void idempotenceIsOnOnlyWithAcksAll() {
        assertThat(new ProducerSettings("all", 5, 16384).asConfigs())
                .containsEntry("acks", "all").containsEntry("enable.idempotence", "true")
                .containsEntry("compression.type", "none").containsEntry("linger.ms", "5")
                .containsEntry("batch.size", "16384");
        assertThat(new ProducerSettings("1", 5, 16384).asConfigs()).containsEntry("enable.idempotence", "false");
    }

    @Test
    void badValuesNameTheSetting() {
        assertThatThrownBy(() -> new ProducerSettings("2", 5, 16384)).hasMessageContaining("acks must be one of");
        assertThatThrownBy(() -> new ProducerSettings("all", -1, 16384)).hasMessageContaining("linger.ms");
        assertThatThrownBy(() -> new ProducerSettings("all", 5, 0)).hasMessageContaining("batch.size");
    }

    @Test
    void referenceGetsTheSameSizeAndTheSameProducerSettings() {
        List<String> args = List.of(ReferenceProducer.arguments("localhost:9092", "t", 2000, 367,
                new ProducerSettings("1", 10, 32768)));

        assertThat(args).containsSubsequence("--topic", "t")
                .containsSubsequence("--num-records", "2000")
                .containsSubsequence("--record-size", "367")
                .containsSubsequence("--throughput", "-1")
                .containsSubsequence("--key-distribution", "random")
                .contains("acks=1", "linger.ms=10", "batch.size=32768", "compression.type=none",
                        "enable.idempotence=false");
        assertThat(args.indexOf("--command-property")).isLessThan(args.indexOf("acks=1"));
    }
}
