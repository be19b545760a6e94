package dev.clipstream.benchmarks;

import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;

/**
 * In-memory stores (no changelog, no cache) registered with a {@link MockProcessorContext}. The app uses RocksDB
 * stores with changelogs; here only the processor's own work and the serdes of its stores are measured.
 */
final class InMemoryStores {

    private InMemoryStores() {
    }

    static <K, V> KeyValueStore<K, V> keyValue(MockProcessorContext<?, ?> context, String name, Serde<K> keys,
                                               Serde<V> values) {
        KeyValueStore<K, V> store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name), keys, values)
                .withLoggingDisabled().withCachingDisabled().build();
        store.init(context.getStateStoreContext(), store);
        context.addStateStore(store);
        return store;
    }

    static <K, V> TimestampedKeyValueStore<K, V> timestamped(MockProcessorContext<?, ?> context, String name,
                                                             Serde<K> keys, Serde<V> values) {
        TimestampedKeyValueStore<K, V> store = Stores.timestampedKeyValueStoreBuilder(
                        Stores.inMemoryKeyValueStore(name), keys, values)
                .withLoggingDisabled().withCachingDisabled().build();
        store.init(context.getStateStoreContext(), store);
        context.addStateStore(store);
        return store;
    }
}
