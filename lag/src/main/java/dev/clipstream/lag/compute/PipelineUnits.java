package dev.clipstream.lag.compute;

import dev.clipstream.schemas.avro.BatchTotals;
import dev.clipstream.schemas.avro.ClipUploaded;
import dev.clipstream.schemas.avro.TrainingBatch;
import dev.clipstream.schemas.topic.TopicCatalog;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Which topics carry pipeline units and how to read them from a record value: clips.uploaded (one record = one clip
 * of durationMillis and byteSize) and training.batches (its BatchTotals). Values are decoded with the catalog's own
 * serdes, so the schema registry decides the schema as for every other consumer.
 */
public final class PipelineUnits {

    /** What a topic's records carry. */
    public enum Kind { CLIPS, BATCHES }

    /** Decodes one record value; null or undecodable -> empty. */
    @FunctionalInterface
    public interface Decoder {
        Optional<UnitValues> decode(String topic, byte[] value);
    }

    private final Map<String, Decoder> decoders;
    private final Deserializer<ClipUploaded> clips;
    private final Deserializer<TrainingBatch> batches;

    private PipelineUnits(Deserializer<ClipUploaded> clips, Deserializer<TrainingBatch> batches) {
        this.clips = clips;
        this.batches = batches;
        this.decoders = new HashMap<>();
    }

    /** No topic carries units (e.g. no schema registry configured). */
    public static PipelineUnits none() {
        return new PipelineUnits(null, null);
    }

    /** The catalog's unit-bearing topics, decoded with its serdes. */
    public static PipelineUnits fromCatalog(TopicCatalog catalog) {
        PipelineUnits units = new PipelineUnits(catalog.clipsUploaded().valueSerde().deserializer(),
                catalog.trainingBatches().valueSerde().deserializer());
        units.map(catalog.clipsUploaded().name(), Kind.CLIPS);
        units.map(catalog.trainingBatches().name(), Kind.BATCHES);
        return units;
    }

    /** Also treat {@code topic} as carrying {@code kind} (a renamed or test copy of a pipeline topic). */
    public PipelineUnits map(String topic, Kind kind) {
        if (clips == null) {
            throw new IllegalStateException("Units need the topic catalog's serdes; build with fromCatalog()");
        }
        decoders.put(topic, kind == Kind.CLIPS
                ? decoding(clips, c -> new UnitValues(1, c.getDurationMillis() / 1000.0, c.getByteSize()))
                : decoding(batches, b -> totals(b.getTotals())));
        return this;
    }

    public Optional<Decoder> decoderFor(String topic) {
        return Optional.ofNullable(decoders.get(topic));
    }

    private static UnitValues totals(BatchTotals totals) {
        return new UnitValues(totals.getClipCount(), totals.getTotalVideoSeconds(), totals.getTotalBytes());
    }

    private static <T> Decoder decoding(Deserializer<T> deserializer, Function<T, UnitValues> units) {
        return (topic, value) -> {
            if (value == null) {
                return Optional.empty();
            }
            try {
                T decoded = deserializer.deserialize(topic, value);
                return decoded == null ? Optional.empty() : Optional.of(units.apply(decoded));
            } catch (RuntimeException e) {
                return Optional.empty();
            }
        };
    }
}
