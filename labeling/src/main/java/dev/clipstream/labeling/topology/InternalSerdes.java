package dev.clipstream.labeling.topology;

import dev.clipstream.labeling.batch.OpenBatch;
import dev.clipstream.schemas.avro.BatchClip;
import dev.clipstream.schemas.avro.ClipRejected;
import dev.clipstream.schemas.avro.ClipUploaded;
import dev.clipstream.schemas.avro.LabeledClip;
import dev.clipstream.schemas.serde.AvroSerdes;
import dev.clipstream.schemas.serde.SchemaRegistryClient;
import dev.clipstream.schemas.topic.TopicCatalog;
import java.nio.ByteBuffer;
import java.util.Arrays;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Serdes of the app's internal topics (repartition topics, store changelogs). They use the catalog's registry
 * client with auto-registration on: internal subjects belong to this app alone, are named after its internal
 * topics, and change only with its own code, so registering them on first use is safe; every record still
 * carries its schema id, so a rolling upgrade reads what the previous version wrote.
 */
public final class InternalSerdes {

    private final Serde<ClipUploaded> clipUploaded;
    private final Serde<LabeledClip> labeledClip;
    private final Serde<ClipRejected> clipRejected;
    private final Serde<BatchClip> batchClip;

    private InternalSerdes(SchemaRegistryClient registry) {
        clipUploaded = avro(ClipUploaded.class, registry);
        labeledClip = avro(LabeledClip.class, registry);
        clipRejected = avro(ClipRejected.class, registry);
        batchClip = avro(BatchClip.class, registry);
    }

    public static InternalSerdes of(TopicCatalog topics) {
        return new InternalSerdes(topics.registry());
    }

    public Serde<ClipUploaded> clipUploaded() {
        return clipUploaded;
    }

    public Serde<ClipRejected> clipRejected() {
        return clipRejected;
    }

    public Serde<BatchClip> batchClip() {
        return batchClip;
    }

    public Serde<OpenBatch> openBatch() {
        return OpenBatch.serde();
    }

    /**
     * A candidate as two Confluent-framed Avro records, the upload event and the labeled clip, behind a length
     * prefix; each part under a subject of its own ({@code <topic>.clip-value}, {@code <topic>.labeled-value}).
     */
    public Serde<ClipCandidate> clipCandidate() {
        Serializer<ClipCandidate> serializer = (topic, candidate) -> {
            if (candidate == null) {
                return null;
            }
            byte[] clip = clipUploaded.serializer().serialize(topic + ".clip", candidate.clip());
            byte[] labeled = labeledClip.serializer().serialize(topic + ".labeled", candidate.labeled());
            return ByteBuffer.allocate(Integer.BYTES + clip.length + labeled.length)
                    .putInt(clip.length).put(clip).put(labeled).array();
        };
        Deserializer<ClipCandidate> deserializer = (topic, data) -> {
            if (data == null) {
                return null;
            }
            int clipLength = data.length >= Integer.BYTES ? ByteBuffer.wrap(data).getInt() : -1;
            if (clipLength < 0 || Integer.BYTES + clipLength > data.length) {
                throw new SerializationException("Clip candidate of " + data.length + " bytes in " + topic
                        + " has an invalid length prefix " + clipLength);
            }
            ClipUploaded clip = clipUploaded.deserializer().deserialize(topic + ".clip",
                    Arrays.copyOfRange(data, Integer.BYTES, Integer.BYTES + clipLength));
            LabeledClip labeled = labeledClip.deserializer().deserialize(topic + ".labeled",
                    Arrays.copyOfRange(data, Integer.BYTES + clipLength, data.length));
            return new ClipCandidate(clip, labeled);
        };
        return Serdes.serdeFrom(serializer, deserializer);
    }

    private static <T extends SpecificRecord> Serde<T> avro(Class<T> type, SchemaRegistryClient registry) {
        return AvroSerdes.specific(type, registry, true, false);
    }
}
