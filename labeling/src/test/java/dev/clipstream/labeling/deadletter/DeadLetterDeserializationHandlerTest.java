package dev.clipstream.labeling.deadletter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clipstream.schemas.topic.DeadLetterRecords;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
