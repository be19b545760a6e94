package dev.clipstream.cli.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clipstream.schemas.avro.ClipUploaded;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class ClipUploadedGeneratorTest {

    private final List<ClipUploaded> records = new ClipUploadedGenerator(42).next(2_000);

    @Test
    void sameSeedGivesTheSameRecordsAndAnotherSeedOthers() {
        assertThat(new ClipUploadedGenerator(42).next(2_000)).isEqualTo(records);
        assertThat(new ClipUploadedGenerator(43).next(10)).isNotEqualTo(records.subList(0, 10));
    }

    @Test
    void recordsHoldValidValues() {
        assertThat(records).allSatisfy(clip -> {
            assertThat(clip.getClipId().version()).isEqualTo(4);
            assertThat(clip.getVehicleId()).matches("veh-[0-9a-f]{16}");
            assertThat(clip.getCaptureEnd()).isAfterOrEqualTo(clip.getCaptureStart());
            assertThat(clip.getCaptureEnd().toEpochMilli() - clip.getCaptureStart().toEpochMilli())
                    .isEqualTo(clip.getDurationMillis());
            assertThat(clip.getSha256()).matches("[0-9a-f]{64}");
            assertThat(clip.getBlobUri()).isEqualTo("blob://clips/sha256/" + clip.getSha256().substring(0, 2) + "/"
                    + clip.getSha256());
            assertThat(clip.getLocation().getMaxLatitude()).isGreaterThanOrEqualTo(clip.getLocation().getMinLatitude());
            assertThat(clip.getSpeed().getMaxKph()).isGreaterThanOrEqualTo(clip.getSpeed().getMinKph());
            assertThat(clip.getSpeed().getMeanKph()).isBetween(clip.getSpeed().getMinKph(), clip.getSpeed().getMaxKph());
            assertThat(clip.getUploadedAt()).isAfter(clip.getCaptureEnd());
            assertThat(clip.getByteSize()).isPositive();
        });
    }

    @Test
    void recordsVaryLikeProductionTraffic() {
        Set<String> vehicles = records.stream().map(ClipUploaded::getVehicleId).collect(Collectors.toSet());
        assertThat(vehicles).hasSizeBetween(1_000, ClipUploadedGenerator.FLEET_SIZE);
        assertThat(records).anyMatch(clip -> clip.getPrivacy() == null).anyMatch(clip -> clip.getPrivacy() != null);
        assertThat(records).anyMatch(clip -> clip.getCampaignIds().isEmpty())
                .anyMatch(clip -> clip.getCampaignIds().size() == 2);
        assertThat(records.stream().map(ClipUploaded::getClipId).distinct()).hasSize(records.size());
    }

    @Test
    void encodedSizesSpreadAroundTheirMedian() {
        EncodedSizes sizes = EncodedSizes.of(records);

        assertThat(sizes.min()).isLessThan(sizes.median());
        assertThat(sizes.max()).isGreaterThan(sizes.median());
        // Header + UUID string + hashes and URI alone are well over 200 bytes.
        assertThat(sizes.min()).isGreaterThan(200);
        assertThat(sizes.max()).isLessThan(1_000);
    }
}
