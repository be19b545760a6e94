package dev.clipstream.schemas.topic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.clipstream.schemas.avro.BatchClip;
import dev.clipstream.schemas.avro.BatchTotals;
import dev.clipstream.schemas.avro.ClipUploaded;
import dev.clipstream.schemas.avro.TrainingBatch;
import dev.clipstream.schemas.fixture.SampleRecords;
import dev.clipstream.schemas.serde.InMemorySchemaRegistryClient;
import dev.clipstream.schemas.serde.OversizeValueException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every topic a Clipstream app consumes has a maximum value size: a record of the topic's own type one byte over it
 * is refused by the catalog's deserializer, one exactly at it decodes, and the largest records the pipeline itself
 * writes stay far below it.
 */
class TopicValueLimitsTest {

    /** What the poison pill is: a valid record of 1 MB, just under the broker's default limit. */
    private static final int ONE_MEGABYTE = 1_000_000;
    /** Room the limits must leave above the largest record the pipeline writes. */
    private static final int MARGIN = 10;

    private static final TopicCatalog CATALOG = TopicCatalog.create(new InMemorySchemaRegistryClient(1), true,
            (short) 1);

    @Test
    void everyAvroTopicHasALimitAndTheRawDeadLetterTopicNone() {
        List<TopicSpec<?, ?>> consumedByApps = List.of(CATALOG.clipsUploaded(), CATALOG.campaigns(),
                CATALOG.clipsLabeled(), CATALOG.trainingBatches(), CATALOG.dispatchEvents(), CATALOG.datasets());
        assertThat(consumedByApps).allSatisfy(topic ->
                assertThat(topic.maxValueBytes()).as("limit of %s", topic.name()).isPresent());
        assertThat(CATALOG.all()).filteredOn(topic -> topic.valueSchema().isPresent()).allSatisfy(topic ->
                assertThat(topic.maxValueBytes()).as("limit of %s", topic.name()).isPresent());
        assertThat(CATALOG.deadLetter().maxValueBytes()).isEmpty();
    }

    static Stream<Arguments> topicsWithASample() {
        return Stream.of(
                topic(CATALOG.clipsUploaded(), SampleRecords.clipUploaded(),
                        (r, s) -> ClipUploaded.newBuilder(r).setFirmwareVersion(s).build()),
                topic(CATALOG.clipsRejected(), SampleRecords.clipRejected(), (r, s) -> {
                    r.setDetail(s);
                    return r;
                }),
                topic(CATALOG.clipsLabeled(), SampleRecords.labeledClip(), (r, s) -> {
                    r.setCampaignIds(List.of(s));
                    return r;
                }),
                topic(CATALOG.trainingBatches(), SampleRecords.trainingBatch(), (r, s) -> {
                    r.setDatasetId(s);
                    return r;
                }),
                topic(CATALOG.campaigns(), SampleRecords.campaign(), (r, s) -> {
                    r.setDescription(s);
                    return r;
                }),
                topic(CATALOG.backendStatus(), SampleRecords.backendStatus(), (r, s) -> {
                    r.setCostCurrency(s);
                    return r;
                }),
                topic(CATALOG.dispatchEvents(), SampleRecords.dispatchEvent(), (r, s) -> {
                    r.setReason(s);
                    return r;
                }));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("topicsWithASample")
    <V extends SpecificRecord> void aRecordOfTheTopicsOwnTypeOneByteOverTheLimitIsRefusedOneAtTheLimitDecodes(
            String name, TopicSpec<String, V> topic, V sample, BiFunction<V, String, V> inflate) {
        int limit = topic.maxValueBytes().orElseThrow();

        byte[] atLimit = inflatedTo(topic, sample, inflate, limit);
        byte[] overLimit = inflatedTo(topic, sample, inflate, limit + 1);
        byte[] oneMegabyte = inflatedTo(topic, sample, inflate, ONE_MEGABYTE);

        assertThat(topic.valueSerde().deserializer().deserialize(name, atLimit)).isNotNull();
        assertThatThrownBy(() -> topic.valueSerde().deserializer().deserialize(name, overLimit))
                .isInstanceOf(OversizeValueException.class)
                .hasMessageContaining("'" + name + "'")
                .hasMessageContaining((limit + 1) + " bytes")
                .hasMessageContaining(limit + " bytes this topic allows");
        assertThatThrownBy(() -> topic.valueSerde().deserializer().deserialize(name, oneMegabyte))
                .as("the 1 MB poison pill on %s", name)
                .isInstanceOf(OversizeValueException.class);
    }

    @Test
    void theLargestRecordsThePipelineWritesFitTenTimesOver() {
        // More than the largest clip record ingest can publish: every string at ingest's 256-character cap, 64
        // campaign ids, each character 3 bytes in UTF-8 (~52 KB; the 45,000-byte metadata header allows less).
        String longest = "\u20ac".repeat(256);
        ClipUploaded largestClip = ClipUploaded.newBuilder(SampleRecords.clipUploaded())
                .setVehicleId(longest).setTriggerId(longest).setFirmwareVersion(longest)
                .setCampaignIds(new ArrayList<>(Collections.nCopies(64, longest)))
                .build();
        // A full batch at labeling.batch.max.clips' default (100).
        TrainingBatch fullBatch = TrainingBatch.newBuilder(SampleRecords.trainingBatch())
                .setClips(new ArrayList<BatchClip>(Collections.nCopies(100, SampleRecords.trainingBatch().getClips()
                        .get(0))))
                .setTotals(BatchTotals.newBuilder(SampleRecords.trainingBatch().getTotals()).setClipCount(100).build())
                .build();

        assertFitsWithMargin(CATALOG.clipsUploaded(), largestClip);
        assertFitsWithMargin(CATALOG.trainingBatches(), fullBatch);
        assertFitsWithMargin(CATALOG.campaigns(), SampleRecords.campaign());
        assertFitsWithMargin(CATALOG.dispatchEvents(), SampleRecords.dispatchEvent());
        assertFitsWithMargin(CATALOG.backendStatus(), SampleRecords.backendStatus());
    }

    private static <V> void assertFitsWithMargin(TopicSpec<String, V> topic, V record) {
        byte[] bytes = topic.valueSerde().serializer().serialize(topic.name(), record);
        assertThat((long) bytes.length * MARGIN).as("%s: %d bytes x %d vs limit", topic.name(), bytes.length, MARGIN)
                .isLessThanOrEqualTo(topic.maxValueBytes().orElseThrow());
        assertThat(topic.valueSerde().deserializer().deserialize(topic.name(), bytes)).isEqualTo(record);
    }

    /** {@code sample} with one string grown until its serialized value is exactly {@code size} bytes. */
    private static <V extends SpecificRecord> byte[] inflatedTo(TopicSpec<String, V> topic, V sample,
                                                                BiFunction<V, String, V> inflate, int size) {
        int filler = 0;
        for (int attempt = 0; attempt < 5; attempt++) {
            byte[] bytes = topic.valueSerde().serializer().serialize(topic.name(), inflate.apply(copy(sample),
                    "x".repeat(filler)));
            if (bytes.length == size) {
                return bytes;
            }
            filler += size - bytes.length; // the string's length prefix may grow a byte: a few rounds settle it
        }
        throw new IllegalStateException("Cannot inflate a " + topic.name() + " record to exactly " + size + " bytes");
    }

    @SuppressWarnings("unchecked")
    private static <V extends SpecificRecord> V copy(V record) {
        return (V) org.apache.avro.specific.SpecificData.getForClass(record.getClass()).deepCopy(record.getSchema(),
                record);
    }

    private static <V extends SpecificRecord> Arguments topic(TopicSpec<String, V> topic, V sample,
                                                              BiFunction<V, String, V> inflate) {
        return Arguments.of(topic.name(), topic, sample, inflate);
    }
}
