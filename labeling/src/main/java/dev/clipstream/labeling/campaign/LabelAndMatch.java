package dev.clipstream.labeling.campaign;

import dev.clipstream.labeling.filter.Rejections;
import dev.clipstream.labeling.label.Labeler;
import dev.clipstream.labeling.topology.ClipCandidate;
import dev.clipstream.labeling.topology.Screened;
import dev.clipstream.schemas.avro.Campaign;
import dev.clipstream.schemas.avro.ClipRef;
import dev.clipstream.schemas.avro.ClipUploaded;
import dev.clipstream.schemas.avro.LabelSet;
import dev.clipstream.schemas.avro.LabeledClip;
import dev.clipstream.schemas.avro.RejectReason;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.TimestampedKeyValueStore;
import org.apache.kafka.streams.state.ValueAndTimestamp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Labels a clip, then matches it against every campaign that accepts clips now, read from the global campaigns
 * store at processing time: a campaign created, changed or closed on the campaigns topic applies to the next clip.
 * Labels come first because trigger rules may ask for scenario tags, weather and time of day.
 */
public final class LabelAndMatch implements FixedKeyProcessor<String, ClipUploaded, Screened<ClipCandidate>> {

    private static final Logger LOG = LoggerFactory.getLogger(LabelAndMatch.class);
    private static final long UNREADABLE_WARN_INTERVAL_MS = 60_000;

    private final Labeler labeler;
    private final String campaignStoreName;
    private FixedKeyProcessorContext<String, Screened<ClipCandidate>> context;
    private TimestampedKeyValueStore<String, Campaign> campaigns;
    private long nextUnreadableWarnMs = Long.MIN_VALUE;

    public LabelAndMatch(Labeler labeler, String campaignStoreName) {
        this.labeler = labeler;
        this.campaignStoreName = campaignStoreName;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, Screened<ClipCandidate>> context) {
        this.context = context;
        this.campaigns = context.getStateStore(campaignStoreName);
    }

    @Override
    public void process(FixedKeyRecord<String, ClipUploaded> record) {
        ClipUploaded clip = record.value();
        long now = context.currentSystemTimeMs();
        LabelSet labels = labeler.label(clip);
        List<Campaign> accepting = new ArrayList<>();
        List<String> unreadable = new ArrayList<>();
        try (KeyValueIterator<String, ValueAndTimestamp<Campaign>> all = campaigns.all()) {
            all.forEachRemaining(entry -> {
                Campaign campaign = entry.value == null ? null : entry.value.value();
                if (campaign == null) {
                    // CampaignStoreSerde reads an undecodable stored value as null: skip it, match the others.
                    unreadable.add(entry.key);
                } else if (CampaignRules.isAccepting(campaign, now)) {
                    accepting.add(campaign);
                }
            });
        }
        if (!unreadable.isEmpty()) {
            warnUnreadable(unreadable, now);
        }
        List<String> matched = accepting.stream()
                .filter(campaign -> CampaignRules.matches(campaign.getTrigger(), clip, labels))
                .sorted(CampaignRules.BY_PRIORITY)
                .map(Campaign::getCampaignId)
                .toList();
        if (matched.isEmpty()) {
            String detail = accepting.isEmpty()
                    ? "no campaign is active"
                    : "matches none of the " + accepting.size() + " active campaigns";
            context.forward(record.withValue(Screened.reject(Rejections.of(clip, RejectReason.NO_ACTIVE_CAMPAIGN,
                    detail, Rejections.CAMPAIGNS, now))));
            return;
        }
        LabeledClip labeled = LabeledClip.newBuilder()
                .setClip(refOf(clip))
                .setCampaignIds(matched)
                .setLabels(labels)
                .setLabeledAt(Instant.ofEpochMilli(now))
                .build();
        context.forward(record.withValue(Screened.pass(new ClipCandidate(clip, labeled))));
    }

    private void warnUnreadable(List<String> campaignKeys, long now) {
        if (now >= nextUnreadableWarnMs) {
            LOG.warn("Campaign(s) {} in the campaigns store cannot be read and are skipped when matching clips"
                    + " (at most one such warning a minute per task)", campaignKeys);
            nextUnreadableWarnMs = now + UNREADABLE_WARN_INTERVAL_MS;
        }
    }

    public static ClipRef refOf(ClipUploaded clip) {
        return ClipRef.newBuilder()
                .setClipId(clip.getClipId())
                .setVehicleId(clip.getVehicleId())
                .setCamera(clip.getCamera())
                .setCaptureStart(clip.getCaptureStart())
                .setDurationMillis(clip.getDurationMillis())
                .setByteSize(clip.getByteSize())
                .setSha256(clip.getSha256())
                .setBlobUri(clip.getBlobUri())
                .build();
    }
}
