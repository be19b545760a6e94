package dev.clipstream.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clipstream.schemas.avro.ClipUploaded;
import dev.clipstream.schemas.fixture.KafkaClients;
import dev.clipstream.schemas.fixture.OlderSchemas;
import dev.clipstream.schemas.fixture.SampleRecords;
import dev.clipstream.testkit.TestStack;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** Data written with an older schema version stays readable by today's generated classes. */
class SchemaEvolutionIT {

    private final TestStack stack = TestStack.shared();

    @Test
    void recordWrittenWithAnOlderVersionIsReadByTheCurrentClassWithDefaults() throws Exception {
        String topic = KafkaClients.newTopic(stack, "evolution");
        RegistryAdmin.setCompatibility(stack.schemaRegistryUrl(), topic + "-value", "BACKWARD");
        Schema older = OlderSchemas.clipUploadedBeforeCampaigns();
        GenericRecord oldRecord = OlderSchemas.asOlderGenericRecord(SampleRecords.clipUploaded(), older);
        SerdeSettings settings = new SerdeSettings(stack.schemaRegistryUrl(), true);

        try (KafkaProducer<String, GenericRecord> oldProducer = KafkaClients.producer(stack, new StringSerializer(),
                AvroSerdes.generic(settings, false).serializer());
             KafkaProducer<String, ClipUploaded> newProducer = KafkaClients.producer(stack, new StringSerializer(),
                     AvroSerdes.specific(ClipUploaded.class, settings, false).serializer())) {
            oldProducer.send(new ProducerRecord<>(topic, SampleRecords.VEHICLE_ID, oldRecord)).get();
            // The current version registers as the subject's next version: the registry agrees it is BACKWARD.
            newProducer.send(new ProducerRecord<>(topic, SampleRecords.VEHICLE_ID, SampleRecords.clipUploaded())).get();
        }

        try (KafkaConsumer<String, ClipUploaded> consumer = KafkaClients.consumer(stack, new StringDeserializer(),
                AvroSerdes.specific(ClipUploaded.class, settings, false).deserializer())) {
            List<ConsumerRecord<String, ClipUploaded>> records = KafkaClients.readAll(consumer, topic, 2);
            ClipUploaded fromOld = records.get(0).value();
            assertThat(fromOld.getCampaignIds()).as("default of a field the old writer did not know").isEmpty();
            assertThat(fromOld.getClipId()).isEqualTo(SampleRecords.CLIP_ID);
            assertThat(fromOld.getCaptureStart()).isEqualTo(SampleRecords.CAPTURE_START);
            assertThat(fromOld.getSpeed()).isEqualTo(SampleRecords.clipUploaded().getSpeed());
            assertThat(records.get(1).value()).isEqualTo(SampleRecords.clipUploaded());
        }
        HttpSchemaRegistryClient registry = new HttpSchemaRegistryClient(stack.schemaRegistryUrl());
        assertThat(registry.lookUpId(topic + "-value", older))
                .isNotEqualTo(registry.lookUpId(topic + "-value", ClipUploaded.getClassSchema()));
    }
}
