package dev.clipstream.labeling.campaign;

import dev.clipstream.schemas.avro.Campaign;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;

/**
 * Keeps the global campaigns store equal to the latest decoded record of every campaign id: a campaign replaces the
 * one before it, a tombstone removes it, a record without a key is dropped (there is no id to store it under).
 * A global store with its own processor is also filled through it (and the topic's deserializer) when the app starts,
 * so a poison pill already on the campaigns topic goes to the deserialization handler instead of into the store.
 */
public final class CampaignStoreWriter implements Processor<String, Campaign, Void, Void> {

    private final String storeName;
    private TimestampedKeyValueStore<String, Campaign> store;

    public CampaignStoreWriter(String storeName) {
        this.storeName = storeName;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        store = context.getStateStore(storeName);
    }

    @Override
    public void process(Record<String, Campaign> record) {
        if (record.key() == null) {
            return;
        }
        if (record.value() == null) {
            store.delete(record.key());
        } else {
            store.put(record.key(), ValueAndTimestamp.make(record.value(), record.timestamp()));
        }
    }
}
