package dev.clipstream.schemas.serde;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clipstream.schemas.avro.ClipUploaded;
import dev.clipstream.schemas.fixture.SampleRecords;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;

/**
 * Kafka Streams shares one serde instance across its stream threads: the serializer's per-thread encoders and
 * writer caches and the deserializer's reader cache must hold up when several threads use them at once.
 */
class SerdeConcurrencyTest {

    private static final int THREADS = 8;
    private static final int ROUND_TRIPS_PER_THREAD = 400;

    private final InMemorySchemaRegistryClient registry = new InMemorySchemaRegistryClient(1);
    // Shared by every thread, as Kafka Streams shares them.
    private final AvroSerializer<SpecificRecord> serializer = new AvroSerializer<>(registry, true, false);
    private final AvroDeserializer<Object> deserializer = new AvroDeserializer<>(registry, true);

    @Test
    void oneSerializerAndOneDeserializerSharedByManyThreadsRoundTripEveryRecord() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < THREADS; t++) {
                int thread = t;
                results.add(pool.submit(roundTrips(thread, start)));
            }
            start.countDown();
            int total = 0;
            for (Future<Integer> result : results) {
                total += result.get(60, TimeUnit.SECONDS);
            }
            assertThat(total).isEqualTo(THREADS * ROUND_TRIPS_PER_THREAD);
        } finally {
            pool.shutdownNow();
        }
    }

    private Callable<Integer> roundTrips(int thread, CountDownLatch start) {
        return () -> {
            // Private to this thread: what the shared serializer must write, byte for byte.
            AvroSerializer<SpecificRecord> reference = new AvroSerializer<>(registry, true, false);
            List<SpecificRecord> samples = SampleRecords.oneOfEach();
            start.await();
            int done = 0;
            for (int i = 0; i < ROUND_TRIPS_PER_THREAD; i++) {
                // Alternate record types (writer and reader caches switch) and lengths (stale buffer bytes show).
                SpecificRecord record = (thread + i) % 3 == 0
                        ? ClipUploaded.newBuilder(SampleRecords.clipUploaded())
                                .setVehicleId("veh-" + thread + "-" + "x".repeat(i % 17))
                                .setByteSize(thread * 1_000_000L + i)
                                .build()
                        : samples.get((thread + i) % samples.size());
                byte[] bytes = serializer.serialize("t", record);
                assertThat(bytes).as("thread %d, round trip %d", thread, i)
                        .containsExactly(reference.serialize("t", record));
                assertThat(deserializer.deserialize("t", bytes)).as("thread %d, round trip %d", thread, i)
                        .isEqualTo(record);
                done++;
            }
            return done;
        };
    }
}
