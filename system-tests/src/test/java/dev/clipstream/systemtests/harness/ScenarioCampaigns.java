package dev.clipstream.systemtests.harness;

import dev.clipstream.schemas.avro.Campaign;
import dev.clipstream.schemas.avro.CampaignStatus;
import dev.clipstream.schemas.avro.TriggerRule;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Campaigns for the fault scenarios: one takes every clip that passes labeling's filters, a second only clips
 * with a mean speed of at least 40 km/h, so many clips go into batches of two campaigns (the verifier's "one batch
 * per campaign" rule is exercised) and nearly every plausible, attested clip ends in a batch. Targets are far
 * above the scenarios' clip counts: no quota rejections unless a scenario sets its own.
 */
public final class ScenarioCampaigns {

    public static final String EVERY_CLIP = "scenario-every-clip";
    public static final String FAST_DRIVING = "scenario-fast-driving";

    private ScenarioCampaigns() {
    }

    public static List<Campaign> all(Instant now) {
        return List.of(
                campaign(EVERY_CLIP, TriggerRule.newBuilder().build(), 1, now, CampaignStatus.ACTIVE),
                campaign(FAST_DRIVING, TriggerRule.newBuilder().setMinSpeedKph(40f).build(), 2, now,
                        CampaignStatus.ACTIVE));
    }

    /** The same campaigns with another status, e.g. PAUSED: labeling then closes their open batches. */
    public static List<Campaign> withStatus(List<Campaign> campaigns, CampaignStatus status) {
        return campaigns.stream().map(c -> Campaign.newBuilder(c).setStatus(status).build()).toList();
    }

    private static Campaign campaign(String id, TriggerRule rule, int priority, Instant now, CampaignStatus status) {
        Instant created = now.truncatedTo(ChronoUnit.MILLIS);
        return Campaign.newBuilder()
                .setCampaignId(id)
                .setName(id)
                .setDescription("Fault scenario campaign " + id)
                .setTrigger(rule)
                .setTargetClipCount(1_000_000)
                .setPriority(priority)
                .setStatus(status)
                .setCreatedAt(created)
                .setExpiresAt(created.plus(Duration.ofDays(1)))
                .build();
    }
}
