package dev.clipstream.labeling.batch;

import java.nio.ByteBuffer;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * The batcher's state for one campaign: the sequence number of the current batch, its running totals (no open
 * batch while {@code clipCount} is 0) and how many clips the campaign has accepted in all its batches (its quota
 * count). The clips themselves are stored one entry each, so a growing batch costs one small write per clip.
 *
 * @param openedAtMillis wall-clock time of the open batch's first clip
 */
public record OpenBatch(long sequence, long openedAtMillis, int clipCount, long bytes, long videoMillis,
                        long acceptedTotal) {

    private static final int SIZE = Long.BYTES * 5 + Integer.BYTES;

    public static OpenBatch first() {
        return new OpenBatch(0, 0, 0, 0, 0, 0);
    }

    public boolean isOpen() {
        return clipCount > 0;
    }

    public OpenBatch plus(long byteSize, long durationMillis, long nowMillis) {
        return new OpenBatch(sequence, isOpen() ? openedAtMillis : nowMillis, clipCount + 1, bytes + byteSize,
                videoMillis + durationMillis, acceptedTotal + 1);
    }

    /** The state after this batch is closed: the next sequence number, nothing open, the quota count kept. */
    public OpenBatch closed() {
        return new OpenBatch(sequence + 1, 0, 0, 0, 0, acceptedTotal);
    }

    public static Serde<OpenBatch> serde() {
        Serializer<OpenBatch> serializer = (topic, batch) -> batch == null ? null : ByteBuffer.allocate(SIZE)
                .putLong(batch.sequence).putLong(batch.openedAtMillis).putInt(batch.clipCount)
                .putLong(batch.bytes).putLong(batch.videoMillis).putLong(batch.acceptedTotal).array();
        Deserializer<OpenBatch> deserializer = (topic, data) -> {
            if (data == null) {
                return null;
            }
            if (data.length != SIZE) {
                throw new SerializationException("Open batch state of " + data.length + " bytes in " + topic
                        + ", expected " + SIZE);
            }
            ByteBuffer buffer = ByteBuffer.wrap(data);
            return new OpenBatch(buffer.getLong(), buffer.getLong(), buffer.getInt(), buffer.getLong(),
                    buffer.getLong(), buffer.getLong());
        };
        return Serdes.serdeFrom(serializer, deserializer);
    }
}
