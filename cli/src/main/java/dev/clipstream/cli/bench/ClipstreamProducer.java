package dev.clipstream.cli.bench;

import dev.clipstream.schemas.avro.ClipUploaded;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Clipstream's side of the benchmark: a {@code KafkaProducer<String, ClipUploaded>} with the catalog's Avro value
 * serializer, sending records generated beforehand (generation is not timed, serialization is, since send()
 * serializes). The clock runs over the same span as ProducerPerformance's: from after the producer is created
 * until close() has returned, i.e. every record acknowledged.
 */
final class ClipstreamProducer {

    private ClipstreamProducer() {
    }

    static RunResult run(String bootstrapServers, String topic, List<ClipUploaded> records,
                         Serializer<ClipUploaded> valueSerializer, ProducerSettings settings) {
        if (records.isEmpty()) {
            throw new IllegalArgumentException("No records to send");
        }
        // Registering the schema under the run's fresh subject is a one-off HTTP call per subject and process,
        // not a per-record cost: do it before the clock starts, as a service does at its first record.
        valueSerializer.serialize(topic, records.get(0));

        AtomicLong acknowledged = new AtomicLong();
        AtomicLong valueBytes = new AtomicLong();
        AtomicReference<Exception> firstFailure = new AtomicReference<>();
        KafkaProducer<String, ClipUploaded> producer = new KafkaProducer<>(
                settings.producerProperties(bootstrapServers), new StringSerializer(), valueSerializer);
        long start = System.nanoTime();
        try {
            for (ClipUploaded record : records) {
                producer.send(new ProducerRecord<>(topic, record.getVehicleId(), record), (metadata, exception) -> {
                    if (exception != null) {
                        firstFailure.compareAndSet(null, exception);
                    } else {
                        acknowledged.incrementAndGet();
                        valueBytes.addAndGet(metadata.serializedValueSize());
                    }
                });
            }
        } finally {
            producer.close();
        }
        long elapsed = System.nanoTime() - start;
        if (firstFailure.get() != null) {
            throw new IllegalStateException("Producing to " + topic + " failed: " + firstFailure.get().getMessage(),
                    firstFailure.get());
        }
        if (acknowledged.get() != records.size()) {
            throw new IllegalStateException("Only " + acknowledged.get() + " of " + records.size()
                    + " records to " + topic + " were acknowledged");
        }
        return RunResult.of(acknowledged.get(), valueBytes.get(), elapsed);
    }
}
