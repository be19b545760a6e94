package dev.clipstream.benchmarks;

import java.io.File;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.StreamsMetrics;
import org.apache.kafka.streams.processor.Cancellable;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.Punctuator;
import org.apache.kafka.streams.processor.StateStore;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.RecordMetadata;

/**
 * Kafka's test utilities have a context for {@code Processor}s only; labeling's filters are
 * {@code FixedKeyProcessor}s. This one keeps the last forwarded record (the benchmark returns it to JMH's
 * blackhole) and takes stores, time and punctuation from a {@link MockProcessorContext}.
 */
public final class CapturingFixedKeyContext<K, V> implements FixedKeyProcessorContext<K, V> {

    private final MockProcessorContext<K, V> mock;
    private Object lastForwarded;

    public CapturingFixedKeyContext(MockProcessorContext<K, V> mock) {
        this.mock = mock;
    }

    /** The value of the record forwarded last. */
    public Object lastForwarded() {
        return lastForwarded;
    }

    @Override
    public <K1 extends K, V1 extends V> void forward(FixedKeyRecord<K1, V1> record) {
        lastForwarded = record.value();
    }

    @Override
    public <K1 extends K, V1 extends V> void forward(FixedKeyRecord<K1, V1> record, String childName) {
        lastForwarded = record.value();
    }

    @Override
    public String applicationId() {
        return mock.applicationId();
    }

    @Override
    public TaskId taskId() {
        return mock.taskId();
    }

    @Override
    public Optional<RecordMetadata> recordMetadata() {
        return mock.recordMetadata();
    }

    @Override
    public Serde<?> keySerde() {
        return mock.keySerde();
    }

    @Override
    public Serde<?> valueSerde() {
        return mock.valueSerde();
    }

    @Override
    public File stateDir() {
        return mock.stateDir();
    }

    @Override
    public StreamsMetrics metrics() {
        return mock.metrics();
    }

    @Override
    public <S extends StateStore> S getStateStore(String name) {
        return mock.getStateStore(name);
    }

    @Override
    public Cancellable schedule(Duration interval, PunctuationType type, Punctuator callback) {
        return mock.schedule(interval, type, callback);
    }

    @Override
    public Cancellable schedule(Instant startTime, Duration interval, PunctuationType type, Punctuator callback) {
        return mock.schedule(startTime, interval, type, callback);
    }

    @Override
    public void commit() {
        mock.commit();
    }

    @Override
    public Map<String, Object> appConfigs() {
        return mock.appConfigs();
    }

    @Override
    public Map<String, Object> appConfigsWithPrefix(String prefix) {
        return mock.appConfigsWithPrefix(prefix);
    }

    @Override
    public long currentSystemTimeMs() {
        return mock.currentSystemTimeMs();
    }

    @Override
    public long currentStreamTimeMs() {
        return mock.currentStreamTimeMs();
    }
}
