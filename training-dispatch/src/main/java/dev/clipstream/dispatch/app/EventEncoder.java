package dev.clipstream.dispatch.app;

import dev.clipstream.schemas.avro.DispatchEvent;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Serializes dispatch events (with the catalog's serdes) for the loop's byte-typed transactional producer, which
 * writes both events and dead letters in one transaction.
 */
record EventEncoder(Serializer<String> keys, Serializer<DispatchEvent> values) {

    ProducerRecord<byte[], byte[]> encode(String topic, DispatchEvent event) {
        String key = event.getBatchId().toString();
        Headers headers = new RecordHeaders();
        return new ProducerRecord<>(topic, null, keys.serialize(topic, headers, key),
                values.serialize(topic, headers, event), headers);
    }
}
