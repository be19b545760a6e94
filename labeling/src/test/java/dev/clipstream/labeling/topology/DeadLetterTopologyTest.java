package dev.clipstream.labeling.topology;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clipstream.labeling.config.LabelingSettings;
import dev.clipstream.labeling.deadletter.DeadLetters;
import dev.clipstream.labeling.label.Labeler;
import dev.clipstream.labeling.label.SimulatedLabeler;
import dev.clipstream.schemas.avro.ClipUploaded;
import dev.clipstream.schemas.avro.LabelSet;
import dev.clipstream.schemas.topic.DeadLetterRecords;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

/** Poison pills and processing failures go to the dead-letter topic with their origin; the app carries on. */
class DeadLetterTopologyTest {

    @Test
    void undecodableRecordsAreSkippedAndProcessingContinues() {
        // TopologyTestDriver calls the deserialization handler but does not send the dead-letter records it
        // returns; DeadLetterDeserializationHandlerTest checks those records, LabelingPipelineIT the real topic.
        try (LabelingDriver driver = new LabelingDriver(LabelingSettings.defaults())) {
            driver.campaign(Clips.catchAll("all", 100).build());
            driver.uploadRaw("veh-1".getBytes(StandardCharsets.UTF_8),
                    "not avro at all".getBytes(StandardCharsets.UTF_8));
            driver.uploadRaw("veh-2".getBytes(StandardCharsets.UTF_8), new byte[] {0, 0, 0, 0x7f, 0x7f, 1, 2, 3});
            ClipUploaded good = Clips.valid().build();
            driver.upload(good);

            assertThat(driver.labeled().readValue().getClip().getClipId()).isEqualTo(good.getClipId());
            assertThat(driver.rejected().isEmpty()).isTrue();
        }
    }

    @Test
    void anOversizeClipOfTheRightSchemaIsSkippedLikeTheOtherPoisonPills() {
        try (LabelingDriver driver = new LabelingDriver(LabelingSettings.defaults())) {
            driver.campaign(Clips.catchAll("all", 100).build());
            int limit = driver.topics().clipsUploaded().maxValueBytes().orElseThrow();
            // A well-formed ClipUploaded of the registered schema, only too big: without the limit it is labeled.
            ClipUploaded oversize = Clips.valid().setFirmwareVersion("x".repeat(limit)).build();
            byte[] value = driver.topics().clipsUploaded().valueSerde().serializer()
                    .serialize(driver.topics().clipsUploaded().name(), oversize);
            driver.uploadRaw(oversize.getVehicleId().getBytes(StandardCharsets.UTF_8), value);
            ClipUploaded good = Clips.valid().build();
            driver.upload(good);

            assertThat(value.length).isGreaterThan(limit);
            assertThat(driver.labeled().readValuesToList()).extracting(labeled -> labeled.getClip().getClipId())
                    .containsExactly(good.getClipId());
            assertThat(driver.rejected().isEmpty()).isTrue();
        }
    }

    @Test
    void aRecordThatFailsInProcessingIsDeadLetteredAndTheNextOneIsProcessed() {
        ClipUploaded poison = Clips.valid().setTriggerId("crash-the-labeler").build();
        Labeler failing = new Labeler() {
            private final SimulatedLabeler delegate = new SimulatedLabeler();

            @Override
            public LabelSet label(ClipUploaded clip) {
                if (clip.getTriggerId().equals("crash-the-labeler")) {
                    throw new IllegalStateException("model crashed on " + clip.getClipId());
                }
                return delegate.label(clip);
            }

            @Override
            public String version() {
                return delegate.version();
            }
        };
        try (LabelingDriver driver = new LabelingDriver(LabelingSettings.defaults(), failing)) {
            driver.campaign(Clips.catchAll("all", 100).build());
            driver.upload(poison);
            ClipUploaded good = Clips.valid().build();
            driver.upload(good);

            TestRecord<byte[], byte[]> dead = driver.deadLetter().readRecord();
            assertThat(header(dead.headers(), DeadLetterRecords.ERROR_CLASS)).isEqualTo(IllegalStateException.class.getName());
            assertThat(header(dead.headers(), DeadLetterRecords.ERROR_MESSAGE)).contains("model crashed on "
                    + poison.getClipId());
            assertThat(header(dead.headers(), DeadLetterRecords.PROCESSOR)).isEqualTo("label-and-match");
            assertThat(header(dead.headers(), DeadLetterRecords.SOURCE_TOPIC)).endsWith("by-clip-id-repartition");
            assertThat(driver.deadLetter().isEmpty()).isTrue();
            assertThat(driver.labeled().readValue().getClip().getClipId()).isEqualTo(good.getClipId());
        }
    }

    private static String header(Headers headers, String name) {
        return new String(headers.lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
