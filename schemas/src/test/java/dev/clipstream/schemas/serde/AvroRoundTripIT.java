package dev.clipstream.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clipstream.schemas.avro.Campaign;
import dev.clipstream.schemas.fixture.KafkaClients;
import dev.clipstream.schemas.fixture.SampleRecords;
import dev.clipstream.testkit.TestStack;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every record type through a real broker and a real registry, checked on the wire byte by byte. */
class AvroRoundTripIT {

    private final TestStack stack = TestStack.shared();

    static List<SpecificRecord> samples() {
        return SampleRecords.oneOfEach();
    }

    @ParameterizedTest
    @MethodSource("samples")
    @SuppressWarnings({"unchecked", "rawtypes"})
    void recordTravelsInTheConfluentWireFormatAndDecodesEqual(SpecificRecord sample) throws Exception {
        String topic = KafkaClients.newTopic(stack, "roundtrip-" + sample.getSchema().getName());
        AvroSerde serde = AvroSerdes.specific((Class) sample.getClass(),
                new SerdeSettings(stack.schemaRegistryUrl(), true), false);

        try (KafkaProducer<String, Object> producer = KafkaClients.producer(stack, new StringSerializer(),
                serde.serializer())) {
            producer.send(new ProducerRecord<>(topic, "key-1", sample)).get();
        }

        byte[] wire;
        try (KafkaConsumer<String, byte[]> consumer = KafkaClients.consumer(stack, new StringDeserializer(),
                new ByteArrayDeserializer())) {
            wire = KafkaClients.readAll(consumer, topic, 1).get(0).value();
        }
        // Ask the registry itself (fresh client, no cache) which id the subject's schema has.
        int registryId = new HttpSchemaRegistryClient(stack.schemaRegistryUrl())
                .lookUpId(topic + "-value", sample.getSchema());
        assertThat(wire).containsExactly(expectedWireBytes(registryId, sample));
        assertThat(serde.deserializer().deserialize(topic, wire)).isEqualTo(sample);
    }

    @Test
    void kafkaCanCreateTheSerdeFromConfluentStyleProperties() throws Exception {
        String topic = KafkaClients.newTopic(stack, "roundtrip-config");
        Map<String, Object> producerConfig = new HashMap<>(Map.of(
                "bootstrap.servers", stack.bootstrapServers(),
                "key.serializer", StringSerializer.class.getName(),
                "value.serializer", AvroSerializer.class.getName(),
                AvroSerdeConfig.SCHEMA_REGISTRY_URL, stack.schemaRegistryUrl()));
        try (KafkaProducer<String, Campaign> producer = new KafkaProducer<>(producerConfig)) {
            producer.send(new ProducerRecord<>(topic, SampleRecords.CAMPAIGN_ID, SampleRecords.campaign())).get();
        }
        Map<String, Object> consumerConfig = new HashMap<>(KafkaClients.consumerConfigs(stack));
        consumerConfig.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        consumerConfig.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, AvroDeserializer.class.getName());
        consumerConfig.put(AvroSerdeConfig.SCHEMA_REGISTRY_URL, stack.schemaRegistryUrl());
        consumerConfig.put(AvroSerdeConfig.SPECIFIC_AVRO_READER, "true");

        try (KafkaConsumer<String, Object> consumer = new KafkaConsumer<>(consumerConfig)) {
            ConsumerRecord<String, Object> record = KafkaClients.readAll(consumer, topic, 1).get(0);
            assertThat(record.value()).isInstanceOf(Campaign.class).isEqualTo(SampleRecords.campaign());
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void serdeCreatedByClassNameAsKafkaStreamsDoesRoundTripsThroughTheRealRegistry() throws Exception {
        String topic = stack.uniqueTopic("roundtrip-serde-by-name");
        // What Kafka Streams does with default.value.serde: Utils.newInstance(class), then configure(configs, false).
        AvroSerde<Campaign> serde = Utils.newInstance(AvroSerde.class);
        serde.configure(Map.of(AvroSerdeConfig.SCHEMA_REGISTRY_URL, stack.schemaRegistryUrl(),
                AvroSerdeConfig.SPECIFIC_AVRO_VALUE_TYPE, Campaign.class.getName()), false);

        byte[] wire = serde.serializer().serialize(topic, SampleRecords.campaign());

        int registryId = new HttpSchemaRegistryClient(stack.schemaRegistryUrl())
                .lookUpId(topic + "-value", Campaign.getClassSchema());
        assertThat(WireFormat.schemaId(topic, wire)).isEqualTo(registryId);
        assertThat(serde.deserializer().deserialize(topic, wire))
                .isInstanceOf(Campaign.class).isEqualTo(SampleRecords.campaign());
    }

    private static byte[] expectedWireBytes(int schemaId, SpecificRecord record) throws Exception {
        ByteArrayOutputStream expected = new ByteArrayOutputStream();
        expected.write(0x00);
        expected.write(ByteBuffer.allocate(4).putInt(schemaId).array());
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(expected, null);
        new SpecificDatumWriter<SpecificRecord>(record.getSchema()).write(record, encoder);
        encoder.flush();
        return expected.toByteArray();
    }
}
