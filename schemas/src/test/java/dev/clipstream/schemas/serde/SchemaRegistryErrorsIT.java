package dev.clipstream.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.clipstream.schemas.avro.ClipUploaded;
import dev.clipstream.schemas.fixture.KafkaClients;
import dev.clipstream.schemas.fixture.SampleRecords;
import dev.clipstream.testkit.TestStack;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import org.apache.avro.Schema;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** Each way the registry can say no, against the real registry, surfaces as its own clear exception. */
class SchemaRegistryErrorsIT {

    private final TestStack stack = TestStack.shared();

    @Test
    void registryDownIsUnreachableNamingTheUrl() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String deadUrl = "http://127.0.0.1:" + closedPort + "/apis/ccompat/v7";
        String topic = KafkaClients.newTopic(stack, "registry-down");

        try (KafkaProducer<String, ClipUploaded> producer = KafkaClients.producer(stack, new StringSerializer(),
                AvroSerdes.specific(ClipUploaded.class, new SerdeSettings(deadUrl, true), false).serializer())) {
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>(topic, "k", SampleRecords.clipUploaded())))
                    .isInstanceOf(SchemaRegistryUnreachableException.class)
                    .isInstanceOf(SerializationException.class)
                    .hasMessageContaining(deadUrl)
                    .satisfies(e -> assertThat(((SchemaRegistryUnreachableException) e).registryUrl()).isEqualTo(deadUrl));
        }
    }

    @Test
    void unknownSchemaIdIsReportedWithTheIdAndTheRegistryAnswer() {
        int unknownId = 987_654;
        byte[] payload = ByteBuffer.allocate(6).put((byte) 0).putInt(unknownId).put((byte) 0).array();
        AvroDeserializer<ClipUploaded> deserializer = new AvroDeserializer<>(
                new HttpSchemaRegistryClient(stack.schemaRegistryUrl()), ClipUploaded.class);

        assertThatThrownBy(() -> deserializer.deserialize("clips.uploaded", payload))
                .isInstanceOf(UnknownSchemaIdException.class)
                .hasMessageContaining(Integer.toString(unknownId))
                .satisfies(e -> {
                    UnknownSchemaIdException unknown = (UnknownSchemaIdException) e;
                    assertThat(unknown.schemaId()).isEqualTo(unknownId);
                    assertThat(unknown.httpStatus()).isEqualTo(404);
                    assertThat(unknown.errorCode()).isEqualTo(40403);
                });
    }

    @Test
    void incompatibleChangeIsRefusedWithTheRegistryAnswer() throws Exception {
        String subject = stack.uniqueTopic("incompatible") + "-value";
        RegistryAdmin.setCompatibility(stack.schemaRegistryUrl(), subject, "BACKWARD");
        HttpSchemaRegistryClient registry = new HttpSchemaRegistryClient(stack.schemaRegistryUrl());
        registry.register(subject, ClipUploaded.getClassSchema());
        Schema withRequiredField = withNewFieldWithoutDefault(ClipUploaded.getClassSchema());

        assertThatThrownBy(() -> registry.register(subject, withRequiredField))
                .isInstanceOf(IncompatibleSchemaException.class)
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining(subject)
                .hasMessageContaining("HTTP 409")
                .satisfies(e -> {
                    IncompatibleSchemaException incompatible = (IncompatibleSchemaException) e;
                    assertThat(incompatible.httpStatus()).isEqualTo(409);
                    assertThat(incompatible.errorCode()).isPositive();
                    assertThat(incompatible.registryMessage()).isNotBlank();
                    assertThat(incompatible.subject()).isEqualTo(subject);
                });
    }

    @Test
    void withoutAutoRegisterAnUnregisteredSchemaFailsAndARegisteredOneIsUsed() throws Exception {
        String topic = KafkaClients.newTopic(stack, "no-auto-register");
        SerdeSettings strict = new SerdeSettings(stack.schemaRegistryUrl(), false);

        try (KafkaProducer<String, ClipUploaded> producer = KafkaClients.producer(stack, new StringSerializer(),
                AvroSerdes.specific(ClipUploaded.class, strict, false).serializer())) {
            assertThatThrownBy(() -> producer.send(new ProducerRecord<>(topic, "k", SampleRecords.clipUploaded())))
                    .isInstanceOf(SchemaNotRegisteredException.class)
                    .hasMessageContaining(topic + "-value");

            int id = new HttpSchemaRegistryClient(stack.schemaRegistryUrl())
                    .register(topic + "-value", ClipUploaded.getClassSchema());
            assertThat(id).isPositive();
            assertThat(producer.send(new ProducerRecord<>(topic, "k", SampleRecords.clipUploaded())).get().offset())
                    .isZero();
        }
    }

    private static Schema withNewFieldWithoutDefault(Schema schema) throws Exception {
        ObjectMapper json = new ObjectMapper();
        ObjectNode tree = (ObjectNode) json.readTree(schema.toString());
        ObjectNode field = json.createObjectNode().put("name", "roadType").put("type", "string")
                .put("doc", "added without a default: breaks readers of old data");
        ((ArrayNode) tree.get("fields")).add(field);
        return new Schema.Parser().parse(tree.toString());
    }
}
