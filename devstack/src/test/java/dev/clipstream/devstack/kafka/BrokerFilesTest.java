package dev.clipstream.devstack.kafka;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

class BrokerFilesTest {

    @Test
    void singleNodeConfigHasReplicationFactorOneForEveryInternalTopic() {
        Properties props = BrokerFiles.serverProperties("127.0.0.1", 9092, 9093, Path.of("/tmp/data"));

        assertThat(props)
                .containsEntry("process.roles", "broker,controller")
                .containsEntry("controller.quorum.bootstrap.servers", "127.0.0.1:9093")
                .containsEntry("listeners", "PLAINTEXT://127.0.0.1:9092,CONTROLLER://127.0.0.1:9093")
                .containsEntry("controller.listener.names", "CONTROLLER")
                .containsEntry("offsets.topic.replication.factor", "1")
                .containsEntry("transaction.state.log.replication.factor", "1")
                .containsEntry("transaction.state.log.min.isr", "1")
                .containsEntry("share.coordinator.state.topic.replication.factor", "1")
                .containsEntry("share.coordinator.state.topic.min.isr", "1")
                .containsEntry("group.initial.rebalance.delay.ms", "0")
                .containsEntry("group.streams.initial.rebalance.delay.ms", "0")
                .containsEntry("log.dirs", Path.of("/tmp/data").toString());
    }

    @Test
    void topicsAreNeverCreatedByAProducerOrConsumer() {
        Properties props = BrokerFiles.serverProperties("127.0.0.1", 9092, 9093, Path.of("/tmp/data"));

        assertThat(props).containsEntry("auto.create.topics.enable", "false");
    }
}
