package dev.clipstream.labeling.deadletter;

import dev.clipstream.schemas.topic.DeadLetterRecords;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.processor.TaskId;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A record that cannot be deserialized (bad magic byte, unknown schema id, garbage, a value over its topic's size
 * limit) goes to the dead-letter topic as it was read, in the same transaction as the progress past it, and
 * processing continues. On the global thread (the campaigns table) Streams cannot send a handler's dead letters (it
 * stops the app instead), so there the handler writes them itself through a {@link DirectDeadLetterProducer}.
 */
public final class DeadLetterDeserializationHandler implements DeserializationExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterDeserializationHandler.class);

    /** The task id Kafka Streams gives the global thread's context. */
    private static final TaskId GLOBAL_TASK = new TaskId(-1, -1);

    private final Function<Map<String, ?>, Consumer<ProducerRecord<byte[], byte[]>>> directWriters;
    private String deadLetterTopic = DeadLetters.DEFAULT_TOPIC;
    private Consumer<ProducerRecord<byte[], byte[]>> directWriter;

    public DeadLetterDeserializationHandler() {
        this(DirectDeadLetterProducer::new);
    }

    /** For tests: {@code directWriters} makes the writer of the global thread's dead letters from the configs. */
    DeadLetterDeserializationHandler(Function<Map<String, ?>, Consumer<ProducerRecord<byte[], byte[]>>> directWriters) {
        this.directWriters = directWriters;
    }

    @Override
    public void configure(Map<String, ?> configs) {
        deadLetterTopic = DeadLetters.topic(configs);
        directWriter = directWriters.apply(configs);
    }

    @Override
    public Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record,
                                Exception exception) {
        LOG.warn("Undecodable record {}-{}@{} sent to {}: {}", record.topic(), record.partition(), record.offset(),
                deadLetterTopic, DeadLetterRecords.message(exception));
        ProducerRecord<byte[], byte[]> deadLetter = DeadLetterRecords.record(deadLetterTopic, record.topic(),
                record.partition(), record.offset(), record.key(), record.value(), exception, null);
        if (GLOBAL_TASK.equals(context.taskId())) {
            directWriter.accept(deadLetter);
            return Response.resume();
        }
        return Response.resume(List.of(deadLetter));
    }
}
