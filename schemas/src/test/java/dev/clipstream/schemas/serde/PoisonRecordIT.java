package dev.clipstream.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.clipstream.schemas.avro.ClipUploaded;
import dev.clipstream.schemas.avro.LabeledClip;
import dev.clipstream.schemas.fixture.KafkaClients;
import dev.clipstream.schemas.fixture.SampleRecords;
import dev.clipstream.testkit.TestStack;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * A record the ClipUploaded deserializer cannot read, after a good one, surfaces at the consumer as a
 * RecordDeserializationException with its topic, partition and offset, caused by our specific exception.
 */
class PoisonRecordIT {

    private final TestStack stack = TestStack.shared();
    private final SerdeSettings settings = new SerdeSettings(stack.schemaRegistryUrl(), true);

    @Test
    void garbageBytesSurfaceAsRecordDeserializationExceptionWithPartitionOffsetAndOurCause() throws Exception {
        String topic = topicWithGoodRecordThen("poison-garbage", "{\"not\":\"avro\"}".getBytes(StandardCharsets.UTF_8));

        RecordDeserializationException failure = firstFailureAfterTheGoodRecord(topic);

        assertThat(failure.getCause()).isInstanceOf(UnknownMagicByteException.class).hasMessageContaining("0x7b");
    }

    @Test
    void unknownSchemaIdSurfacesWithPartitionOffsetAndTheId() throws Exception {
        // Valid magic byte, an id no registry in this test run hands out, a plausible body.
        int unknownId = 987_654_321;
        byte[] payload = ByteBuffer.allocate(7).put(WireFormat.MAGIC_BYTE).putInt(unknownId).put((byte) 2)
                .put((byte) 4).array();
        String topic = topicWithGoodRecordThen("poison-unknown-id", payload);

        RecordDeserializationException failure = firstFailureAfterTheGoodRecord(topic);

        assertThat(failure.getCause()).isInstanceOf(UnknownSchemaIdException.class)
                .hasMessageContaining(Integer.toString(unknownId))
                .satisfies(e -> assertThat(((UnknownSchemaIdException) e).schemaId()).isEqualTo(unknownId));
    }

    @Test
    void recordOfAnotherTypeSurfacesAsSchemaMismatchWithPartitionOffsetAndBothTypes() throws Exception {
        // A LabeledClip serialized for its own topic, then written to a ClipUploaded topic (the wrong-topic bug).
        String labeledTopic = stack.uniqueTopic("poison-labeled-source");
        byte[] labeledClip = AvroSerdes.specific(LabeledClip.class, settings, false).serializer()
                .serialize(labeledTopic, SampleRecords.labeledClip());
        String topic = topicWithGoodRecordThen("poison-wrong-type", labeledClip);

        RecordDeserializationException failure = firstFailureAfterTheGoodRecord(topic);

        assertThat(failure.getCause()).isInstanceOf(SchemaMismatchException.class)
                .hasMessageContaining("schema id " + WireFormat.schemaId(topic, labeledClip))
                .hasMessageContaining(LabeledClip.class.getName())
                .hasMessageContaining(ClipUploaded.class.getName());
    }

    /** A fresh topic holding a valid ClipUploaded at offset 0 and {@code poison} at offset 1. */
    private String topicWithGoodRecordThen(String prefix, byte[] poison) throws Exception {
        String topic = KafkaClients.newTopic(stack, prefix);
        try (KafkaProducer<String, ClipUploaded> good = KafkaClients.producer(stack, new StringSerializer(),
                AvroSerdes.specific(ClipUploaded.class, settings, false).serializer());
             KafkaProducer<String, byte[]> bad = KafkaClients.producer(stack, new StringSerializer(),
                     new ByteArraySerializer())) {
            good.send(new ProducerRecord<>(topic, "k", SampleRecords.clipUploaded())).get();
            bad.send(new ProducerRecord<>(topic, "k", poison)).get();
        }
        return topic;
    }

    /** Consumes {@code topic} as ClipUploaded; checks the good record came and the poison one failed where it is. */
    private RecordDeserializationException firstFailureAfterTheGoodRecord(String topic) {
        List<ClipUploaded> decoded = new ArrayList<>();
        AtomicReference<RecordDeserializationException> failure = new AtomicReference<>();
        try (KafkaConsumer<String, ClipUploaded> consumer = KafkaClients.consumer(stack, new StringDeserializer(),
                AvroSerdes.specific(ClipUploaded.class, settings, false).deserializer())) {
            consumer.subscribe(List.of(topic));
            // In the test thread: a KafkaConsumer must not be used by Awaitility's poller thread.
            await("poison record on " + topic + " fails the poll").atMost(KafkaClients.POLL_BOUND)
                    .pollInSameThread().pollDelay(Duration.ZERO)
                    .until(() -> {
                        try {
                            consumer.poll(Duration.ofMillis(200)).forEach(r -> decoded.add(r.value()));
                            return false;
                        } catch (RecordDeserializationException e) {
                            failure.set(e);
                            return true;
                        }
                    });
        }
        RecordDeserializationException e = failure.get();
        assertThat(decoded).containsExactly(SampleRecords.clipUploaded());
        assertThat(e.topicPartition().topic()).isEqualTo(topic);
        assertThat(e.topicPartition().partition()).isZero();
        assertThat(e.offset()).isEqualTo(1L);
        assertThat(e.origin()).isEqualTo(RecordDeserializationException.DeserializationExceptionOrigin.VALUE);
        return e;
    }
}
