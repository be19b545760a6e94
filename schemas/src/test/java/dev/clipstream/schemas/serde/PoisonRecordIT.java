package dev.clipstream.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clipstream.schemas.avro.ClipUploaded;
import dev.clipstream.schemas.fixture.KafkaClients;
import dev.clipstream.schemas.fixture.SampleRecords;
import dev.clipstream.testkit.TestStack;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordDeserializationException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** A garbage record on a topic surfaces at the consumer with its topic, partition and offset. */
class PoisonRecordIT {

    private final TestStack stack = TestStack.shared();

    @Test
    void garbageBytesSurfaceAsRecordDeserializationExceptionWithPartitionOffsetAndOurCause() throws Exception {
        String topic = KafkaClients.newTopic(stack, "poison");
        SerdeSettings settings = new SerdeSettings(stack.schemaRegistryUrl(), true);
        try (KafkaProducer<String, ClipUploaded> good = KafkaClients.producer(stack, new StringSerializer(),
                AvroSerdes.specific(ClipUploaded.class, settings, false).serializer());
             KafkaProducer<String, byte[]> bad = KafkaClients.producer(stack, new StringSerializer(),
                     new ByteArraySerializer())) {
            good.send(new ProducerRecord<>(topic, "k", SampleRecords.clipUploaded())).get();
            bad.send(new ProducerRecord<>(topic, "k", "{\"not\":\"avro\"}".getBytes(StandardCharsets.UTF_8))).get();
        }

        List<ClipUploaded> decoded = new ArrayList<>();
        RecordDeserializationException failure = null;
        try (KafkaConsumer<String, ClipUploaded> consumer = KafkaClients.consumer(stack, new StringDeserializer(),
                AvroSerdes.specific(ClipUploaded.class, settings, false).deserializer())) {
            consumer.subscribe(List.of(topic));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (failure == null && System.nanoTime() < deadline) {
                try {
                    consumer.poll(Duration.ofMillis(200)).forEach(r -> decoded.add(r.value()));
                } catch (RecordDeserializationException e) {
                    failure = e;
                }
            }
        }

        assertThat(decoded).containsExactly(SampleRecords.clipUploaded());
        assertThat(failure).as("poison record must fail the poll within 30 s").isNotNull();
        assertThat(failure.topicPartition().topic()).isEqualTo(topic);
        assertThat(failure.topicPartition().partition()).isZero();
        assertThat(failure.offset()).isEqualTo(1L);
        assertThat(failure.origin()).isEqualTo(RecordDeserializationException.DeserializationExceptionOrigin.VALUE);
        assertThat(failure.getCause()).isInstanceOf(UnknownMagicByteException.class).hasMessageContaining("0x7b");
    }
}
