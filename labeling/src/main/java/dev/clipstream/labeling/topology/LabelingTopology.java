package dev.clipstream.labeling.topology;

import dev.clipstream.labeling.batch.Batcher;
import dev.clipstream.labeling.batch.BatcherOutput;
import dev.clipstream.labeling.batch.DeclineTally;
import dev.clipstream.labeling.campaign.CampaignStoreSerde;
import dev.clipstream.labeling.campaign.CampaignStoreWriter;
import dev.clipstream.labeling.campaign.LabelAndMatch;
import dev.clipstream.labeling.config.LabelingSettings;
import dev.clipstream.labeling.filter.DuplicateFilter;
import dev.clipstream.labeling.filter.DuplicateKey;
import dev.clipstream.labeling.filter.MetadataScreening;
import dev.clipstream.labeling.filter.PlausibilityRule;
import dev.clipstream.labeling.filter.PrivacyRule;
import dev.clipstream.labeling.label.Labeler;
import dev.clipstream.labeling.label.ReviewPolicy;
import dev.clipstream.schemas.avro.Campaign;
import dev.clipstream.schemas.avro.ClipRejected;
import dev.clipstream.schemas.avro.ClipUploaded;
import dev.clipstream.schemas.avro.LabeledClip;
import dev.clipstream.schemas.avro.TrainingBatch;
import dev.clipstream.schemas.serde.GeneratedClassTrust;
import dev.clipstream.schemas.topic.TopicCatalog;
import dev.clipstream.schemas.topic.TopicSpec;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

/**
 * The labeling application as a pure function of its topics and settings: no I/O, no config parsing.
 *
 * <pre>
 * clips.uploaded (key vehicle id)
 *   -> metadata screening: IMPLAUSIBLE_METADATA, NO_PRIVACY_CLEARANCE ---------------------> clips.rejected
 *   -> key by sha256  -> [by-sha256]   -> duplicate filter (seen-sha256):   DUPLICATE -----> clips.rejected
 *   -> key by clip id -> [by-clip-id]  -> duplicate filter (seen-clip-ids): DUPLICATE -----> clips.rejected
 *   -> label, match campaigns (global store 'campaigns'): NO_ACTIVE_CAMPAIGN -------------> clips.rejected
 *   -> labeled clip (key vehicle id) -----------------------------------------------------> clips.labeled
 *        `-> any label below the review confidence ------------------------------------> clips.review
 *   -> one copy per matched campaign, key campaign id -> [by-campaign] -> batcher
 *        -> closed batch (key batch id) ---------------------------------------------------> training.batches
 *        -> declined (quota reached / campaign closed), key clip id -> [batch-declines]
 *             -> decline tally: CAMPAIGN_QUOTA_REACHED or NO_ACTIVE_CAMPAIGN once all declined -> clips.rejected
 * </pre>
 * [x] marks an internal repartition topic. Each identity is checked where its records meet: duplicates by sha256
 * in a task that sees every clip with that sha256, and so on; the batcher sees all clips of a campaign.
 */
public final class LabelingTopology {

    /** The global store holding the latest record of every campaign. */
    public static final String CAMPAIGN_STORE = "campaigns";

    static {
        // The processors copy generated records (deep copies of enums), which Avro allows for trusted classes only.
        GeneratedClassTrust.ensureInstalled();
    }

    private LabelingTopology() {
    }

    public static Topology build(TopicCatalog topics, LabelingSettings settings, Labeler labeler,
                                 LabelingEvents events) {
        StreamsBuilder builder = new StreamsBuilder();
        InternalSerdes internal = InternalSerdes.of(topics);
        addStores(builder, internal);

        TopicSpec<String, Campaign> campaigns = topics.campaigns();
        // A global store with its own writer, not a global table: Streams fills a global table at start by copying
        // the topic's bytes, poison pills included, while a global store's processor gets decoded records then too
        // and the undecodable ones go to the deserialization handler (dead letter). The store's own value serde reads
        // anything undecodable as no campaign all the same, so one bad entry never fails the clips.
        builder.addGlobalStore(Stores.timestampedKeyValueStoreBuilder(Stores.inMemoryKeyValueStore(CAMPAIGN_STORE),
                                campaigns.keySerde(), CampaignStoreSerde.skippingUndecodable(campaigns.valueSerde()))
                        .withLoggingDisabled(),
                campaigns.name(),
                Consumed.with(campaigns.keySerde(), campaigns.valueSerde()).withName("campaigns-source"),
                () -> new CampaignStoreWriter(CAMPAIGN_STORE));

        Rejected rejected = new Rejected(topics.clipsRejected(), events);
        TopicSpec<String, ClipUploaded> uploaded = topics.clipsUploaded();
        KStream<String, ClipUploaded> screened = rejected.passOn("metadata", builder
                .stream(uploaded.name(), Consumed.with(uploaded.keySerde(), uploaded.valueSerde())
                        .withName("clips-uploaded-source"))
                .processValues(() -> new MetadataScreening(new PlausibilityRule(settings.plausibility()),
                        new PrivacyRule(settings.allowedBlurModels())), Named.as("metadata-screening")));

        KStream<String, ClipUploaded> uniqueContent = rejected.passOn("sha256", screened
                .selectKey((vehicle, clip) -> DuplicateKey.SHA256.of(clip), Named.as("key-by-sha256"))
                .repartition(Repartitioned.with(Serdes.String(), internal.clipUploaded()).withName("by-sha256"))
                .processValues(() -> new DuplicateFilter(DuplicateKey.SHA256, settings.duplicateWindow(),
                        settings.purgeInterval()), Named.as("sha256-duplicates"), DuplicateKey.SHA256.storeName()));

        KStream<String, ClipUploaded> uniqueIds = rejected.passOn("clip-id", uniqueContent
                .selectKey((sha, clip) -> DuplicateKey.CLIP_ID.of(clip), Named.as("key-by-clip-id"))
                .repartition(Repartitioned.with(Serdes.String(), internal.clipUploaded()).withName("by-clip-id"))
                .processValues(() -> new DuplicateFilter(DuplicateKey.CLIP_ID, settings.duplicateWindow(),
                        settings.purgeInterval()), Named.as("clip-id-duplicates"), DuplicateKey.CLIP_ID.storeName()));

        KStream<String, ClipCandidate> candidates = rejected.passOn("campaign-match", uniqueIds
                .processValues(() -> new LabelAndMatch(labeler, CAMPAIGN_STORE), Named.as("label-and-match")));

        writeLabeled(candidates, topics, new ReviewPolicy(settings.reviewConfidence()), events);

        KStream<String, BatcherOutput> batched = candidates
                .flatMap((clipId, candidate) -> candidate.labeled().getCampaignIds().stream()
                        .map(campaignId -> KeyValue.pair(campaignId, candidate)).toList(),
                        Named.as("one-per-campaign"))
                .repartition(Repartitioned.with(Serdes.String(), internal.clipCandidate()).withName("by-campaign"))
                .process(() -> new Batcher(settings.batch(), CAMPAIGN_STORE, settings.datasetVersion(),
                                settings.membershipRetention(), settings.purgeInterval()), Named.as("batcher"),
                        Batcher.STATE_STORE, Batcher.CLIPS_STORE, Batcher.MEMBERS_STORE);

        TopicSpec<String, TrainingBatch> batches = topics.trainingBatches();
        batched.filter((batchId, output) -> output.isBatch(), Named.as("closed-batches"))
                .mapValues(BatcherOutput::batch, Named.as("closed-batch"))
                .peek((batchId, batch) -> events.batchClosed(batch.getCloseReason(), batch.getClips().size()),
                        Named.as("count-batches"))
                .to(batches.name(), Produced.with(batches.keySerde(), batches.valueSerde())
                        .withName("training-batches-sink"));

        KStream<String, ClipRejected> declined = batched
                .filter((clipId, output) -> !output.isBatch(), Named.as("declined-clips"))
                .mapValues(BatcherOutput::declined, Named.as("declined-clip"))
                .repartition(Repartitioned.with(Serdes.String(), internal.clipRejected()).withName("batch-declines"))
                .processValues(() -> new DeclineTally(settings.duplicateWindow(), settings.purgeInterval()),
                        Named.as("decline-tally"), DeclineTally.STORE, DeclineTally.COUNT_STORE);
        rejected.write("declines", declined);

        return builder.build();
    }

    private static void writeLabeled(KStream<String, ClipCandidate> candidates, TopicCatalog topics,
                                     ReviewPolicy review, LabelingEvents events) {
        TopicSpec<String, LabeledClip> labeledTopic = topics.clipsLabeled();
        TopicSpec<String, LabeledClip> reviewTopic = topics.clipsReview();
        KStream<String, LabeledClip> labeled = candidates
                .map((clipId, candidate) -> KeyValue.pair(candidate.clip().getVehicleId(), candidate.labeled()),
                        Named.as("labeled-by-vehicle"))
                .peek((vehicle, clip) -> events.labeled(review.needsReview(clip.getLabels())), Named.as("count-labeled"));
        labeled.to(labeledTopic.name(), Produced.with(labeledTopic.keySerde(), labeledTopic.valueSerde())
                .withName("clips-labeled-sink"));
        labeled.filter((vehicle, clip) -> review.needsReview(clip.getLabels()), Named.as("needs-review"))
                .to(reviewTopic.name(), Produced.with(reviewTopic.keySerde(), reviewTopic.valueSerde())
                        .withName("clips-review-sink"));
    }

    private static void addStores(StreamsBuilder builder, InternalSerdes internal) {
        for (DuplicateKey identity : List.of(DuplicateKey.SHA256, DuplicateKey.CLIP_ID)) {
            builder.addStateStore(Stores.timestampedKeyValueStoreBuilder(
                    Stores.persistentTimestampedKeyValueStore(identity.storeName()), Serdes.String(), Serdes.String()));
        }
        // Record caches on the stores whose keys are rewritten within a commit interval: the open batch of a
        // campaign changes with every clip and a batch's clips are deleted when it closes, so the cache turns
        // those into one changelog record per key and commit (statestore.cache.max.bytes, flushed on commit,
        // inside the same transaction).
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(Batcher.STATE_STORE),
                Serdes.String(), internal.openBatch()).withCachingEnabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(Batcher.CLIPS_STORE),
                Serdes.String(), internal.batchClip()).withCachingEnabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(Batcher.MEMBERS_STORE),
                Serdes.String(), Serdes.Long()));
        builder.addStateStore(Stores.timestampedKeyValueStoreBuilder(
                Stores.persistentTimestampedKeyValueStore(DeclineTally.STORE), Serdes.String(), internal.clipRejected())
                .withCachingEnabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(DeclineTally.COUNT_STORE),
                Serdes.String(), Serdes.Integer()).withCachingEnabled());
    }

    /** Writes every step's rejections to clips.rejected, keyed by vehicle id, counting them by reason. */
    private static final class Rejected {

        private final TopicSpec<String, ClipRejected> topic;
        private final LabelingEvents events;

        Rejected(TopicSpec<String, ClipRejected> topic, LabelingEvents events) {
            this.topic = topic;
            this.events = events;
        }

        /** Writes the step's rejections and returns what passed. */
        <T> KStream<String, T> passOn(String step, KStream<String, Screened<T>> screened) {
            write(step, screened.filter((key, outcome) -> outcome.isRejected(), Named.as(step + "-rejected"))
                    .mapValues(Screened::rejected, Named.as(step + "-rejection")));
            return screened.filter((key, outcome) -> !outcome.isRejected(), Named.as(step + "-passed"))
                    .mapValues(Screened::passed, Named.as(step + "-passed-value"));
        }

        void write(String step, KStream<String, ClipRejected> rejections) {
            rejections.selectKey((key, rejection) -> rejection.getClip().getVehicleId(),
                            Named.as(step + "-rejection-by-vehicle"))
                    .peek((vehicle, rejection) -> events.rejected(rejection.getReason()),
                            Named.as(step + "-count-rejections"))
                    .to(topic.name(), Produced.with(topic.keySerde(), topic.valueSerde())
                            .withName(step + "-rejected-sink"));
        }
    }
}
