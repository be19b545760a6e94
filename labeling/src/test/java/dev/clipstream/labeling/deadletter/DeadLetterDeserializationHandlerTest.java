package dev.clipstream.labeling.deadletter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.clipstream.schemas.avro.Campaign;
import dev.clipstream.schemas.avro.ClipUploaded;
import dev.clipstream.schemas.fixture.SampleRecords;
import dev.clipstream.schemas.serde.InMemorySchemaRegistryClient;
import dev.clipstream.schemas.serde.OversizeValueException;
import dev.clipstream.schemas.topic.DeadLetterRecords;
import dev.clipstream.schemas.topic.TopicCatalog;
import dev.clipstream.schemas.topic.TopicSpec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.processor.TaskId;
import org.junit.jupiter.api.Test;

class DeadLetterDeserializationHandlerTest {

    @Test
    void theRawRecordGoesToTheConfiguredTopicWithItsOriginAndTheErrorAndProcessingResumes() {
        DeadLetterDeserializationHandler handler = new DeadLetterDeserializationHandler();
        handler.configure(Map.of(DeadLetters.TOPIC_CONFIG, "dlq-test"));
        byte[] key = "veh-1".getBytes(StandardCharsets.UTF_8);
        byte[] value = {1, 2, 3};
        ConsumerRecord<byte[], byte[]> record = new ConsumerRecord<>("clips.uploaded", 4, 1234L, key, value);

        DeserializationExceptionHandler.Response response = handler.handleError(context(), record,
                new SerializationException("Unknown magic byte 0x01", new IllegalStateException("inner")));

        assertThat(response.result()).isEqualTo(DeserializationExceptionHandler.Result.RESUME);
        assertThat(response.deadLetterQueueRecords()).singleElement().satisfies(dead -> {
            assertThat(dead.topic()).isEqualTo("dlq-test");
            assertThat(dead.key()).isEqualTo(key);
            assertThat(dead.value()).isEqualTo(value);
            assertThat(header(dead, DeadLetterRecords.SOURCE_TOPIC)).isEqualTo("clips.uploaded");
            assertThat(header(dead, DeadLetterRecords.SOURCE_PARTITION)).isEqualTo("4");
            assertThat(header(dead, DeadLetterRecords.SOURCE_OFFSET)).isEqualTo("1234");
            assertThat(header(dead, DeadLetterRecords.ERROR_CLASS)).isEqualTo(SerializationException.class.getName());
            assertThat(header(dead, DeadLetterRecords.ERROR_MESSAGE))
                    .isEqualTo("Unknown magic byte 0x01 <- IllegalStateException: inner");
        });
    }

    @Test
    void withoutConfigurationTheCatalogDeadLetterTopicIsUsed() {
        DeadLetterDeserializationHandler handler = new DeadLetterDeserializationHandler();
        handler.configure(Map.of());
        var response = handler.handleError(context(), new ConsumerRecord<>("t", 0, 0L, null, new byte[0]),
                new SerializationException("x"));
        assertThat(response.deadLetterQueueRecords()).extracting(ProducerRecord::topic)
                .containsExactly("clipstream.dead-letter");
    }

    @Test
    void onTheGlobalThreadTheHandlerWritesTheDeadLetterItselfBecauseStreamsCannot() {
        List<ProducerRecord<byte[], byte[]>> written = new ArrayList<>();
        DeadLetterDeserializationHandler handler = new DeadLetterDeserializationHandler(configs -> written::add);
        handler.configure(Map.of(DeadLetters.TOPIC_CONFIG, "dlq-test"));
        byte[] value = {9, 9};
        ConsumerRecord<byte[], byte[]> record = new ConsumerRecord<>("campaigns", 0, 7L, null, value);

        DeserializationExceptionHandler.Response response = handler.handleError(context(new TaskId(-1, -1)), record,
                new SerializationException("Unknown magic byte 0x09"));

        assertThat(response.result()).isEqualTo(DeserializationExceptionHandler.Result.RESUME);
        assertThat(response.deadLetterQueueRecords()).as("records Streams would fail to send from the global thread")
                .isEmpty();
        assertThat(written).singleElement().satisfies(dead -> {
            assertThat(dead.topic()).isEqualTo("dlq-test");
            assertThat(dead.value()).isEqualTo(value);
            assertThat(header(dead, DeadLetterRecords.SOURCE_TOPIC)).isEqualTo("campaigns");
            assertThat(header(dead, DeadLetterRecords.SOURCE_OFFSET)).isEqualTo("7");
        });
    }

    @Test
    void oversizeValuesOnTheCampaignsTableAndOnAStreamTaskAreDeadLetteredRawWithTheCatalogsError() {
        TopicCatalog catalog = TopicCatalog.create(new InMemorySchemaRegistryClient(1), true, (short) 1);
        List<ProducerRecord<byte[], byte[]>> written = new ArrayList<>();
        DeadLetterDeserializationHandler handler = new DeadLetterDeserializationHandler(configs -> written::add);
        handler.configure(Map.of());
        byte[] campaign = oversize(catalog.campaigns(), SampleRecords.campaign(), Campaign::setDescription);
        byte[] clip = oversize(catalog.clipsUploaded(), SampleRecords.clipUploaded(), ClipUploaded::setFirmwareVersion);
        Throwable campaignError = catchThrowable(() -> catalog.campaigns().valueSerde().deserializer()
                .deserialize("campaigns", campaign));
        Throwable clipError = catchThrowable(() -> catalog.clipsUploaded().valueSerde().deserializer()
                .deserialize("clips.uploaded", clip));

        var onGlobalThread = handler.handleError(context(new TaskId(-1, -1)),
                new ConsumerRecord<>("campaigns", 0, 7L, null, campaign), (Exception) campaignError);
        var onStreamTask = handler.handleError(context(),
                new ConsumerRecord<>("clips.uploaded", 4, 1234L, null, clip), (Exception) clipError);

        assertThat(onGlobalThread.result()).isEqualTo(DeserializationExceptionHandler.Result.RESUME);
        assertThat(onStreamTask.result()).isEqualTo(DeserializationExceptionHandler.Result.RESUME);
        List<ProducerRecord<byte[], byte[]>> deadLetters = new ArrayList<>(written);
        deadLetters.addAll(onStreamTask.deadLetterQueueRecords());
        assertThat(deadLetters).hasSize(2).allSatisfy(dead -> {
            assertThat(dead.topic()).isEqualTo("clipstream.dead-letter");
            assertThat(header(dead, DeadLetterRecords.ERROR_CLASS)).isEqualTo(OversizeValueException.class.getName());
            assertThat(header(dead, DeadLetterRecords.ERROR_MESSAGE)).contains("bytes this topic allows");
        });
        assertThat(deadLetters.get(0).value()).isEqualTo(campaign);
        assertThat(header(deadLetters.get(0), DeadLetterRecords.ERROR_MESSAGE)).contains("'campaigns'")
                .contains(campaign.length + " bytes");
        assertThat(deadLetters.get(1).value()).isEqualTo(clip);
        assertThat(header(deadLetters.get(1), DeadLetterRecords.SOURCE_OFFSET)).isEqualTo("1234");
    }

    /** A record of the topic's own type and schema, one string grown past the topic's limit. */
    private static <V extends SpecificRecord> byte[] oversize(TopicSpec<String, V> topic, V sample,
                                                              BiConsumer<V, String> inflate) {
        inflate.accept(sample, "x".repeat(topic.maxValueBytes().orElseThrow()));
        return topic.valueSerde().serializer().serialize(topic.name(), sample);
    }

    @Test
    void aStreamTaskLeavesTheDeadLetterToStreamsAndWritesNothingItself() {
        List<ProducerRecord<byte[], byte[]>> written = new ArrayList<>();
        DeadLetterDeserializationHandler handler = new DeadLetterDeserializationHandler(configs -> written::add);
        handler.configure(Map.of());

        var response = handler.handleError(context(), new ConsumerRecord<>("t", 0, 0L, null, new byte[0]),
                new SerializationException("x"));

        assertThat(response.deadLetterQueueRecords()).hasSize(1);
        assertThat(written).isEmpty();
    }

    private static String header(ProducerRecord<byte[], byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }

    private static ErrorHandlerContext context() {
        return context(new TaskId(0, 4));
    }

    private static ErrorHandlerContext context(TaskId taskId) {
        return new ErrorHandlerContext() {
            @Override
            public String topic() {
                return "clips.uploaded";
            }

            @Override
            public int partition() {
                return 4;
            }

            @Override
            public long offset() {
                return 1234L;
            }

            @Override
            public Headers headers() {
                return new RecordHeaders();
            }

            @Override
            public String processorNodeId() {
                return null;
            }

            @Override
            public TaskId taskId() {
                return taskId;
            }

            @Override
            public long timestamp() {
                return 0;
            }

            @Override
            public byte[] sourceRawKey() {
                return null;
            }

            @Override
            public byte[] sourceRawValue() {
                return null;
            }
        };
    }
}
