package dev.clipstream.labeling.campaign;

import dev.clipstream.schemas.avro.Campaign;
import dev.clipstream.schemas.avro.CampaignStatus;
import dev.clipstream.schemas.avro.TimeOfDay;
import dev.clipstream.schemas.avro.TriggerRule;
import dev.clipstream.schemas.avro.Weather;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * Three realistic campaigns for the demo and {@code clipstream campaign create --seed}: what a perception team
 * might ask the fleet for. Each runs 90 days from {@code now}.
 */
public final class SeedCampaigns {

    private SeedCampaigns() {
    }

    public static List<Campaign> all(Instant now) {
        Instant created = now.truncatedTo(ChronoUnit.MILLIS);
        Instant expires = created.plus(Duration.ofDays(90));
        return List.of(
                campaign("unprotected-left-turns-night", "Unprotected left turns at night",
                        "Left turns across oncoming traffic without a protected arrow, in the dark or at dusk, "
                                + "where oncoming headlights hide gaps.",
                        TriggerRule.newBuilder()
                                .setScenarioTags(List.of("unprotected_left_turn"))
                                .setTimesOfDay(List.of(TimeOfDay.NIGHT, TimeOfDay.DUSK))
                                .setMinLabelConfidence(0.6)
                                .build(),
                        20_000, 10, created, expires),
                campaign("heavy-rain-highways", "Heavy rain on highways",
                        "Highway driving above 70 km/h in rain: spray, reflections and worn lane markings.",
                        TriggerRule.newBuilder()
                                .setScenarioTags(List.of("highway"))
                                .setWeather(List.of(Weather.RAIN))
                                .setMinSpeedKph(70f)
                                .setMinLabelConfidence(0.6)
                                .build(),
                        15_000, 5, created, expires),
                campaign("construction-zones", "Construction zones",
                        "Lane shifts, cones and temporary signs in construction zones, any weather and time.",
                        TriggerRule.newBuilder()
                                .setScenarioTags(List.of("construction_zone"))
                                .setMinLabelConfidence(0.5)
                                .build(),
                        10_000, 3, created, expires));
    }

    private static Campaign campaign(String id, String name, String description, TriggerRule rule, int target,
                                     int priority, Instant created, Instant expires) {
        return Campaign.newBuilder()
                .setCampaignId(id)
                .setName(name)
                .setDescription(description)
                .setTrigger(rule)
                .setTargetClipCount(target)
                .setPriority(priority)
                .setStatus(CampaignStatus.ACTIVE)
                .setCreatedAt(created)
                .setExpiresAt(expires)
                .build();
    }
}
