package dev.clipstream.benchmarks;

import dev.clipstream.labeling.topology.ClipCandidate;
import dev.clipstream.labeling.topology.InternalSerdes;
import dev.clipstream.schemas.topic.TopicCatalog;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serializer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Labeling's biggest internal record, the clip candidate of the by-campaign repartition topic: the upload event
 * and the labeled clip, two Confluent-framed Avro records behind a length prefix.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class ClipCandidateSerdeBenchmark {

    static final String TOPIC = "clipstream-labeling-by-campaign-repartition";

    private Serializer<ClipCandidate> serializer;
    private Deserializer<ClipCandidate> deserializer;
    private ClipCandidate candidate;
    private byte[] encoded;

    @Setup
    public void setUp() {
        InternalSerdes internal = InternalSerdes.of(TopicCatalog.create(new InProcessRegistry(), true,
                TopicCatalog.DEVELOPMENT_REPLICATION_FACTOR));
        serializer = internal.clipCandidate().serializer();
        deserializer = internal.clipCandidate().deserializer();
        candidate = SerdeBenchmark.candidate(BenchClips.generate(7, 1).get(0));
        encoded = serializer.serialize(TOPIC, candidate);
    }

    @Benchmark
    public byte[] serialize() {
        return serializer.serialize(TOPIC, candidate);
    }

    @Benchmark
    public ClipCandidate deserialize() {
        return deserializer.deserialize(TOPIC, encoded);
    }

    /** The candidate, for the smoke test. */
    ClipCandidate candidate() {
        return candidate;
    }
}
