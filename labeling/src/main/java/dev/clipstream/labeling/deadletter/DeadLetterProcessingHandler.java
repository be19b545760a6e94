package dev.clipstream.labeling.deadletter;

import dev.clipstream.schemas.topic.DeadLetterRecords;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An exception while processing one record sends the source record (raw bytes of the input that led to it) to
 * the dead-letter topic and moves on, so one bad record never stops the app.
 */
public final class DeadLetterProcessingHandler implements ProcessingExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterProcessingHandler.class);

    private String deadLetterTopic = DeadLetters.DEFAULT_TOPIC;

    @Override
    public void configure(Map<String, ?> configs) {
        deadLetterTopic = DeadLetters.topic(configs);
    }

    @Override
    public Response handleError(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
        LOG.warn("Processing failed in {} for record {}-{}@{}; source record sent to {}", context.processorNodeId(),
                context.topic(), context.partition(), context.offset(), deadLetterTopic, exception);
        return Response.resume(List.of(DeadLetterRecords.record(deadLetterTopic, context.topic(), context.partition(),
                context.offset(), context.sourceRawKey(), context.sourceRawValue(), exception,
                context.processorNodeId())));
    }
}
