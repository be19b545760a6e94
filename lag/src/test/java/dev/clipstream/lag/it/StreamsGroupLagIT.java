package dev.clipstream.lag.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.clipstream.lag.compute.PipelineUnits;
import dev.clipstream.lag.model.GroupLag;
import dev.clipstream.lag.model.LagStatus;
import dev.clipstream.lag.monitor.LagEngine;
import dev.clipstream.lag.monitor.LagSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

/**
 * A Kafka Streams app on the streams rebalance protocol (KIP-1071) is a STREAMS group, not a consumer group: its
 * members come from describeStreamsGroups and its offsets from listStreamsGroupOffsets.
 */
class StreamsGroupLagIT {

    private final KafkaFixture kafka = new KafkaFixture();

    @Test
    void streamsProtocolAppIsReadAsAStreamsGroupAndStoppedWhenClosedWithLag() throws Exception {
        String topic = kafka.topic("lag-streams", 1);
        String applicationId = KafkaFixture.group("streams-app");
        kafka.produce(topic, 0, 5);

        AtomicInteger processed = new AtomicInteger();
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(topic).foreach((k, v) -> processed.incrementAndGet());
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, applicationId);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.stack.bootstrapServers());
        props.put(StreamsConfig.DEFAULT_KEY_SERDE_CLASS_CONFIG, Serdes.ByteArraySerde.class);
        props.put(StreamsConfig.DEFAULT_VALUE_SERDE_CLASS_CONFIG, Serdes.ByteArraySerde.class);
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 100);
        props.put(StreamsConfig.GROUP_PROTOCOL_CONFIG, "streams");
        props.put(StreamsConfig.consumerPrefix("auto.offset.reset"), "earliest");
        Path state = Files.createTempDirectory("lag-streams-");
        props.put(StreamsConfig.STATE_DIR_CONFIG, state.toString());

        LagSettings settings = LagSettings.defaults().withPipelineGroups(false).withGroups(List.of(applicationId))
                .withWindow(3, 3);
        try (LagEngine engine = LagEngine.create(settings, kafka.stack.bootstrapServers(), Map.of(),
                PipelineUnits.none())) {
            KafkaStreams streams = new KafkaStreams(builder.build(), props);
            try {
                streams.start();
                await().atMost(Duration.ofSeconds(60)).until(() -> {
                    GroupLag g = engine.evaluate().group(applicationId).orElseThrow();
                    return g.members() == 1 && g.partitions().size() == 1 && g.recordLag() == 0
                            && g.partitions().get(0).committedOffset() != null;
                });
                GroupLag running = engine.evaluate().group(applicationId).orElseThrow();
                assertThat(running.groupType()).isEqualTo("STREAMS");
                assertThat(running.status()).isEqualTo(LagStatus.OK);
                assertThat(processed.get()).isEqualTo(5);
            } finally {
                streams.close(Duration.ofSeconds(20));
            }
            kafka.produce(topic, 0, 3);
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                GroupLag stopped = engine.evaluate().group(applicationId).orElseThrow();
                assertThat(stopped.members()).isZero();
                assertThat(stopped.recordLag()).isEqualTo(3);
                assertThat(stopped.status()).isEqualTo(LagStatus.STOPPED);
            });
        } finally {
            try (var paths = Files.walk(state)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
