package dev.clipstream.labeling.deadletter;

import dev.clipstream.schemas.topic.DeadLetterRecords;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A record that cannot be deserialized (bad magic byte, unknown schema id, garbage) goes to the dead-letter topic
 * as it was read, in the same transaction as the progress past it, and processing continues.
 */
public final class DeadLetterDeserializationHandler implements DeserializationExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterDeserializationHandler.class);

    private String deadLetterTopic = DeadLetters.DEFAULT_TOPIC;

    @Override
    public void configure(Map<String, ?> configs) {
        deadLetterTopic = DeadLetters.topic(configs);
    }

    @Override
    public Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record,
                                Exception exception) {
        LOG.warn("Undecodable record {}-{}@{} sent to {}: {}", record.topic(), record.partition(), record.offset(),
                deadLetterTopic, DeadLetterRecords.message(exception));
        return Response.resume(List.of(DeadLetterRecords.record(deadLetterTopic, record.topic(), record.partition(),
                record.offset(), record.key(), record.value(), exception, null)));
    }
}
