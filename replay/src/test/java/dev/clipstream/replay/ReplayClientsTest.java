package dev.clipstream.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;

class ReplayClientsTest {

    @Test
    void consumersHaveNoGroupReadCommittedAndCreateNoTopics() {
        ReplayClients clients = new ReplayClients("127.0.0.1:9092",
                Map.of(ConsumerConfig.GROUP_ID_CONFIG, "clipstream-dispatch"), Map.of());

        Map<String, Object> config = clients.consumerConfig("scan");

        // Even a group id passed in by mistake is dropped: replay must never touch a live group's offsets.
        assertThat(config).doesNotContainKey(ConsumerConfig.GROUP_ID_CONFIG)
                .containsEntry(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed")
                .containsEntry(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false)
                .containsEntry(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
    }

    @Test
    void publisherIsTransactionalPerManifest() {
        Map<String, Object> config = ReplayClients.of("127.0.0.1:9092").transactionalProducerConfig("tx-1");

        assertThat(config).containsEntry(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "tx-1")
                .containsEntry(ProducerConfig.ACKS_CONFIG, "all")
                .containsEntry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        assertThatThrownBy(() -> ReplayClients.of(" ")).hasMessageContaining("bootstrap servers are missing");
    }
}
