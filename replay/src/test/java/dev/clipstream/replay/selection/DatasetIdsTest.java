package dev.clipstream.replay.selection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class DatasetIdsTest {

    @Test
    void datasetIdIsReadableAndFixedForASelection() {
        BatchSelection selection = BatchSelection.of(List.of("Unprotected Left Turns (EU)"), List.of(), null, null);
        String id = DatasetIds.datasetId(selection);
        assertThat(id).matches("ds-unprotected-left-turns-eu-[0-9a-f]{10}");
        assertThat(DatasetIds.datasetId(BatchSelection.of(List.of("rain"), List.of("weather=RAIN"), null, null)))
                .isEqualTo(DatasetIds.datasetId(BatchSelection.of(List.of("rain"), List.of("weather=rain"), null, null)));
        // Pinned: ids are stored in manifests, so the derivation must never change.
        assertThat(DatasetIds.datasetId(BatchSelection.of(List.of("rain"), List.of(), null, null)))
                .isEqualTo("ds-rain-" + sha256("campaigns=rain;labels=;from=;to=").substring(0, 10));
        assertThat(DatasetIds.isDatasetId(id)).isTrue();
    }

    private static String sha256(String text) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void differentSelectionsGetDifferentIds() {
        List<String> ids = List.of(
                DatasetIds.datasetId(BatchSelection.everything()),
                DatasetIds.datasetId(BatchSelection.of(List.of("rain"), List.of(), null, null)),
                DatasetIds.datasetId(BatchSelection.of(List.of("rain"), List.of("weather=RAIN"), null, null)),
                DatasetIds.datasetId(BatchSelection.of(List.of("rain"), List.of(), Instant.EPOCH, null)),
                DatasetIds.datasetId(BatchSelection.of(List.of("rain"), List.of(), null, Instant.EPOCH)),
                DatasetIds.datasetId(BatchSelection.of(List.of("rain", "snow"), List.of(), null, null)));
        assertThat(ids).doesNotHaveDuplicates();
        assertThat(ids.get(0)).startsWith("ds-all-");
        assertThat(ids.get(5)).startsWith("ds-multi-");
    }

    @Test
    void datasetIdDoesNotDependOnTheOrderOfTheOptions() {
        Random random = new Random(42);
        for (int round = 0; round < 50; round++) {
            List<String> campaigns = new ArrayList<>();
            for (int i = random.nextInt(5); i > 0; i--) {
                campaigns.add("campaign-" + random.nextInt(20));
            }
            List<String> labels = new ArrayList<>(List.of("weather=RAIN", "scenario=merge", "time-of-day=NIGHT")
                    .subList(0, random.nextInt(4)));
            List<String> shuffledCampaigns = new ArrayList<>(campaigns);
            List<String> shuffledLabels = new ArrayList<>(labels);
            Collections.shuffle(shuffledCampaigns, random);
            Collections.shuffle(shuffledLabels, random);

            assertThat(DatasetIds.datasetId(BatchSelection.of(shuffledCampaigns, shuffledLabels, null, null)))
                    .as("campaigns %s, labels %s", campaigns, labels)
                    .isEqualTo(DatasetIds.datasetId(BatchSelection.of(campaigns, labels, null, null)))
                    .matches("ds-[a-z0-9-]+");
        }
    }

    @Test
    void replayBatchIdIsDeterministicPerManifestAndOriginal() {
        String original = "b7e1d2c3-4a5b-4c6d-8e9f-0a1b2c3d4e5f";
        UUID first = DatasetIds.replayBatchId("ds-rain-0123456789@v1", original);
        assertThat(DatasetIds.replayBatchId("ds-rain-0123456789@v1", original)).isEqualTo(first);
        assertThat(first.toString()).isNotEqualTo(original);
        assertThat(DatasetIds.replayBatchId("ds-rain-0123456789@v2", original)).isNotEqualTo(first);
        assertThat(DatasetIds.replayBatchId("ds-rain-0123456789@v1", "c7e1d2c3-4a5b-4c6d-8e9f-0a1b2c3d4e5f"))
                .isNotEqualTo(first);
        // Pinned: a rerun by a later release must recognise copies published by this one.
        assertThat(first).isEqualTo(UUID.nameUUIDFromBytes(
                ("clipstream-replay:ds-rain-0123456789@v1:" + original).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }

    @Test
    void manifestIdsParseAndRejectNonsense() {
        assertThat(DatasetIds.parseManifestId("ds-rain-0123456789@v12"))
                .isEqualTo(new DatasetIds.ManifestRef("ds-rain-0123456789", 12));
        assertThat(DatasetIds.manifestId("ds-rain-0123456789", 3)).isEqualTo("ds-rain-0123456789@v3");
        assertThatThrownBy(() -> DatasetIds.parseManifestId("ds-rain")).hasMessageContaining("<datasetId>@v<version>");
        assertThatThrownBy(() -> DatasetIds.parseManifestId("ds-rain@v0")).hasMessageContaining("not a manifest id");
        assertThatThrownBy(() -> DatasetIds.manifestId("ds-x", 0)).hasMessageContaining(">= 1");
        assertThat(DatasetIds.transactionalId("ds-x@v1")).isEqualTo("clipstream-replay-ds-x@v1");
    }
}
