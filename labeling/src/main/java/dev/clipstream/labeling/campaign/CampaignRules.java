package dev.clipstream.labeling.campaign;

import dev.clipstream.schemas.avro.Campaign;
import dev.clipstream.schemas.avro.CampaignStatus;
import dev.clipstream.schemas.avro.ClipUploaded;
import dev.clipstream.schemas.avro.GeoBoundingBox;
import dev.clipstream.schemas.avro.LabelSet;
import dev.clipstream.schemas.avro.ScenarioTag;
import dev.clipstream.schemas.avro.TriggerRule;
import java.time.Instant;
import java.util.Comparator;

/**
 * How a campaign's {@link TriggerRule} is read (docs/campaigns.md says the same for users). A clip matches when
 * it satisfies every condition; an empty list or a null means "any":
 * <ul>
 *   <li>triggerIds, cameras: the clip's trigger id / camera is in the list;</li>
 *   <li>scenarioTags: at least one listed tag was labeled with confidence >= minLabelConfidence;</li>
 *   <li>weather, timesOfDay: the labeled condition / period is in the list and its confidence >=
 *       minLabelConfidence;</li>
 *   <li>region: the clip's bounding box intersects the region (edges touching count);</li>
 *   <li>minSpeedKph, maxSpeedKph: the clip's mean speed lies within the bounds (inclusive).</li>
 * </ul>
 * A campaign accepts clips while its status is ACTIVE and it has not expired.
 */
public final class CampaignRules {

    /** Higher priority first, then campaign id, so the order of matches never depends on store iteration. */
    public static final Comparator<Campaign> BY_PRIORITY = Comparator.comparingInt(Campaign::getPriority).reversed()
            .thenComparing(Campaign::getCampaignId);

    private CampaignRules() {
    }

    public static boolean isAccepting(Campaign campaign, long nowMillis) {
        return campaign.getStatus() == CampaignStatus.ACTIVE && !hasExpired(campaign, nowMillis);
    }

    public static boolean hasExpired(Campaign campaign, long nowMillis) {
        Instant expiresAt = campaign.getExpiresAt();
        return expiresAt != null && expiresAt.toEpochMilli() <= nowMillis;
    }

    /** Why a campaign does not accept clips, for rejection details; "" when it does. */
    public static String whyNotAccepting(Campaign campaign, long nowMillis) {
        if (campaign.getStatus() != CampaignStatus.ACTIVE) {
            return "campaign " + campaign.getCampaignId() + " is " + campaign.getStatus();
        }
        if (hasExpired(campaign, nowMillis)) {
            return "campaign " + campaign.getCampaignId() + " expired at " + campaign.getExpiresAt();
        }
        return "";
    }

    public static boolean matches(TriggerRule rule, ClipUploaded clip, LabelSet labels) {
        double minConfidence = rule.getMinLabelConfidence();
        if (!rule.getTriggerIds().isEmpty() && !rule.getTriggerIds().contains(clip.getTriggerId())) {
            return false;
        }
        if (!rule.getCameras().isEmpty() && !rule.getCameras().contains(clip.getCamera())) {
            return false;
        }
        if (!rule.getScenarioTags().isEmpty() && !hasScenario(rule, labels, minConfidence)) {
            return false;
        }
        if (!rule.getWeather().isEmpty() && !(rule.getWeather().contains(labels.getWeather().getCondition())
                && labels.getWeather().getConfidence() >= minConfidence)) {
            return false;
        }
        if (!rule.getTimesOfDay().isEmpty() && !(rule.getTimesOfDay().contains(labels.getTimeOfDay().getPeriod())
                && labels.getTimeOfDay().getConfidence() >= minConfidence)) {
            return false;
        }
        if (rule.getRegion() != null && !intersects(rule.getRegion(), clip.getLocation())) {
            return false;
        }
        float meanKph = clip.getSpeed().getMeanKph();
        if (rule.getMinSpeedKph() != null && meanKph < rule.getMinSpeedKph()) {
            return false;
        }
        return rule.getMaxSpeedKph() == null || meanKph <= rule.getMaxSpeedKph();
    }

    private static boolean hasScenario(TriggerRule rule, LabelSet labels, double minConfidence) {
        for (ScenarioTag tag : labels.getScenarios()) {
            if (tag.getConfidence() >= minConfidence && rule.getScenarioTags().contains(tag.getTag())) {
                return true;
            }
        }
        return false;
    }

    static boolean intersects(GeoBoundingBox a, GeoBoundingBox b) {
        return a.getMinLatitude() <= b.getMaxLatitude() && b.getMinLatitude() <= a.getMaxLatitude()
                && a.getMinLongitude() <= b.getMaxLongitude() && b.getMinLongitude() <= a.getMaxLongitude();
    }
}
