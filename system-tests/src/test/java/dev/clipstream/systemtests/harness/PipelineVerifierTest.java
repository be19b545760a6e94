package dev.clipstream.systemtests.harness;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The verifier's rules on hand-made topic contents: a clean run passes, every kind of fault is named. */
class PipelineVerifierTest {

    private static final String A = "clip-a";
    private static final String B = "clip-b";
    private static final String C = "clip-c";
    private static final String D = "clip-d";

    /** a and b in campaign 1's batch, b also in campaign 2's, c rejected, d rejected; both batches completed. */
    private static Observed clean() {
        return new Observed(
                uploads(A, B, C, D),
                List.of(new Observed.Rejection(C, "NO_ACTIVE_CAMPAIGN"), new Observed.Rejection(D, "IMPLAUSIBLE_METADATA")),
                List.of(new Observed.Batch("batch-1", "campaign-1", List.of(A, B), true),
                        new Observed.Batch("batch-2", "campaign-2", List.of(B), true)),
                List.of(event("batch-1", "QUEUED"), event("batch-1", "PLACED"), event("batch-1", "COMPLETED"),
                        event("batch-2", "COMPLETED")),
                List.of(new Observed.BackendJob("batch-1", "dojo", "SUCCEEDED"),
                        new Observed.BackendJob("batch-2", "dojo", "FAILED"),
                        new Observed.BackendJob("batch-2", "nvidia", "SUCCEEDED")));
    }

    @Test
    void aCleanRunPassesWithOneBatchPerMatchedCampaign() {
        Verification v = PipelineVerifier.verify(clean(), Set.of(A, B, C, D));

        assertThat(v.problems()).isEmpty();
        assertThat(v.clipsIn()).isEqualTo(4);
        assertThat(v.batched()).isEqualTo(2);
        assertThat(v.rejected()).isEqualTo(2);
        assertThat(v.clipsOut()).isEqualTo(4);
        assertThat(v.batches()).isEqualTo(2);
        assertThat(v.batchesCompleted()).isEqualTo(2);
        assertThat(v.settled()).isTrue();
        v.assertNothingLostOrDuplicated();
    }

    @Test
    void aClipNeitherBatchedNorRejectedIsMissing() {
        Observed o = clean();
        Observed withoutRejection = new Observed(o.uploads(), o.rejections().subList(0, 1), o.batches(),
                o.dispatchEvents(), o.backendJobs());

        Verification v = PipelineVerifier.verify(withoutRejection, null);

        assertThat(v.missing()).containsExactly(D);
        assertThat(v.settled()).isFalse();
        assertThatThrownBy(v::assertNothingLostOrDuplicated).hasMessageContaining("1 missing clips")
                .hasMessageContaining(D);
    }

    @Test
    void aClipIngestAcceptedButNeverPublishedIsMissing() {
        Verification v = PipelineVerifier.verify(clean(), Set.of(A, B, C, D, "clip-e"));

        assertThat(v.missing()).containsExactly("clip-e");
        assertThat(v.clipsIn()).isEqualTo(5);
    }

    @Test
    void aClipInTwoBatchesOfOneCampaignIsDuplicated() {
        Observed o = clean();
        List<Observed.Batch> batches = new ArrayList<>(o.batches());
        batches.add(new Observed.Batch("batch-3", "campaign-1", List.of(A), true));
        List<Observed.DispatchRecord> events = new ArrayList<>(o.dispatchEvents());
        events.add(event("batch-3", "COMPLETED"));

        Verification v = PipelineVerifier.verify(
                new Observed(o.uploads(), o.rejections(), batches, events, o.backendJobs()), null);

        assertThat(v.duplicated()).containsExactly(A);
        assertThatThrownBy(v::assertNothingLostOrDuplicated).hasMessageContaining("1 duplicated clips");
    }

    @Test
    void theSameBatchWrittenTwiceIsABatchAndClipDuplicate() {
        Observed o = clean();
        List<Observed.Batch> batches = new ArrayList<>(o.batches());
        batches.add(o.batches().get(1));

        Verification v = PipelineVerifier.verify(
                new Observed(o.uploads(), o.rejections(), batches, o.dispatchEvents(), o.backendJobs()), null);

        assertThat(v.batchRecordsDuplicated()).containsExactly("batch-2");
        assertThat(v.duplicated()).containsExactly(B);
        assertThat(v.batches()).isEqualTo(2);
    }

    @Test
    void aBatchedClipThatIsAlsoRejectedIsDuplicated() {
        Observed o = clean();
        List<Observed.Rejection> rejections = new ArrayList<>(o.rejections());
        // What a reprocessed clip looks like without exactly-once: the restored duplicate filter knows it.
        rejections.add(new Observed.Rejection(A, "DUPLICATE"));

        Verification v = PipelineVerifier.verify(
                new Observed(o.uploads(), rejections, o.batches(), o.dispatchEvents(), o.backendJobs()), null);

        assertThat(v.duplicated()).containsExactly(A);
    }

    @Test
    void aSecondUploadEventRejectedAsDuplicateIsAllowed() {
        Observed o = clean();
        List<Observed.Upload> uploads = new ArrayList<>(o.uploads());
        uploads.add(new Observed.Upload(A));
        List<Observed.Rejection> rejections = new ArrayList<>(o.rejections());
        rejections.add(new Observed.Rejection(A, "DUPLICATE"));

        Verification v = PipelineVerifier.verify(
                new Observed(uploads, rejections, o.batches(), o.dispatchEvents(), o.backendJobs()), null);

        assertThat(v.problems()).isEmpty();
        assertThat(v.uploadEvents()).isEqualTo(5);
        assertThat(v.clipsIn()).isEqualTo(4);
    }

    @Test
    void aBatchedClipRejectedForAnotherReasonIsDuplicatedEvenWithTwoUploadEvents() {
        Observed o = clean();
        List<Observed.Upload> uploads = new ArrayList<>(o.uploads());
        uploads.add(new Observed.Upload(A));
        List<Observed.Rejection> rejections = new ArrayList<>(o.rejections());
        rejections.add(new Observed.Rejection(A, "CAMPAIGN_QUOTA_REACHED"));

        Verification v = PipelineVerifier.verify(
                new Observed(uploads, rejections, o.batches(), o.dispatchEvents(), o.backendJobs()), null);

        assertThat(v.duplicated()).containsExactly(A);
    }

    @Test
    void aClipRejectedTwiceIsDuplicated() {
        Observed o = clean();
        List<Observed.Rejection> rejections = new ArrayList<>(o.rejections());
        rejections.add(new Observed.Rejection(C, "NO_ACTIVE_CAMPAIGN"));

        Verification v = PipelineVerifier.verify(
                new Observed(o.uploads(), rejections, o.batches(), o.dispatchEvents(), o.backendJobs()), null);

        assertThat(v.duplicated()).containsExactly(C);
        assertThat(v.rejected()).isEqualTo(2);
    }

    @Test
    void aBatchCompletedTwiceIsNamed() {
        Observed o = clean();
        List<Observed.DispatchRecord> events = new ArrayList<>(o.dispatchEvents());
        events.add(event("batch-1", "COMPLETED"));

        Verification v = PipelineVerifier.verify(
                new Observed(o.uploads(), o.rejections(), o.batches(), events, o.backendJobs()), null);

        assertThat(v.batchesCompletedTwice()).containsExactly("batch-1");
        assertThatThrownBy(v::assertNothingLostOrDuplicated).hasMessageContaining("batches completed twice")
                .hasMessageContaining("batch-1");
    }

    @Test
    void aBatchWithoutCompletionIsNotSettled() {
        Observed o = clean();
        Verification v = PipelineVerifier.verify(new Observed(o.uploads(), o.rejections(), o.batches(),
                o.dispatchEvents().subList(0, 3), o.backendJobs()), null);

        assertThat(v.batchesNotCompleted()).containsExactly("batch-2");
        assertThat(v.settled()).isFalse();
    }

    @Test
    void aBatchWhoseJobSucceededOnTwoBackendsIsNamed() {
        Observed o = clean();
        List<Observed.BackendJob> jobs = new ArrayList<>(o.backendJobs());
        jobs.add(new Observed.BackendJob("batch-1", "nvidia", "SUCCEEDED"));

        Verification v = PipelineVerifier.verify(
                new Observed(o.uploads(), o.rejections(), o.batches(), o.dispatchEvents(), jobs), null);

        assertThat(v.jobsSucceededTwice()).containsExactly("batch-1");
    }

    @Test
    void replayedBatchesAreIgnoredAndUnexpectedUploadsNamed() {
        Observed o = clean();
        List<Observed.Batch> batches = new ArrayList<>(o.batches());
        batches.add(new Observed.Batch("replay-1", "campaign-1", List.of(A, B), false));

        Verification v = PipelineVerifier.verify(
                new Observed(o.uploads(), o.rejections(), batches, o.dispatchEvents(), o.backendJobs()),
                Set.of(A, B, C));

        assertThat(v.duplicated()).isEmpty();
        assertThat(v.batchesNotCompleted()).isEmpty();
        assertThat(v.unexpectedClips()).containsExactly(D);
    }

    private static List<Observed.Upload> uploads(String... clipIds) {
        return java.util.Arrays.stream(clipIds).map(Observed.Upload::new).toList();
    }

    private static Observed.DispatchRecord event(String batchId, String decision) {
        return new Observed.DispatchRecord(batchId, decision, "dojo");
    }
}
