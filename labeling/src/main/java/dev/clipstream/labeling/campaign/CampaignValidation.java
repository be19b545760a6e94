package dev.clipstream.labeling.campaign;

import dev.clipstream.schemas.avro.Campaign;
import dev.clipstream.schemas.avro.TriggerRule;
import java.util.regex.Pattern;

/** What a campaign must satisfy before it is published; each problem is named. */
public final class CampaignValidation {

    private static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,99}");

    private CampaignValidation() {
    }

    public static Campaign validated(Campaign campaign) {
        String id = campaign.getCampaignId();
        if (!ID.matcher(id).matches()) {
            throw new IllegalArgumentException("Campaign id '" + id + "' must be lower-case letters, digits and "
                    + "hyphens (kebab-case), at most 100 characters, e.g. 'heavy-rain-highways'");
        }
        if (campaign.getTargetClipCount() <= 0) {
            throw new IllegalArgumentException("Campaign " + id + ": targetClipCount must be > 0, was "
                    + campaign.getTargetClipCount());
        }
        TriggerRule rule = campaign.getTrigger();
        if (rule.getMinLabelConfidence() < 0 || rule.getMinLabelConfidence() > 1) {
            throw new IllegalArgumentException("Campaign " + id + ": trigger.minLabelConfidence must be in [0, 1], was "
                    + rule.getMinLabelConfidence());
        }
        if (rule.getMinSpeedKph() != null && rule.getMaxSpeedKph() != null
                && rule.getMinSpeedKph() > rule.getMaxSpeedKph()) {
            throw new IllegalArgumentException("Campaign " + id + ": trigger.minSpeedKph " + rule.getMinSpeedKph()
                    + " is above maxSpeedKph " + rule.getMaxSpeedKph());
        }
        if (campaign.getExpiresAt() != null && campaign.getExpiresAt().isBefore(campaign.getCreatedAt())) {
            throw new IllegalArgumentException("Campaign " + id + ": expiresAt " + campaign.getExpiresAt()
                    + " is before createdAt " + campaign.getCreatedAt());
        }
        return campaign;
    }
}
