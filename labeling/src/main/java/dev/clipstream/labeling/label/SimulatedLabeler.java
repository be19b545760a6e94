package dev.clipstream.labeling.label;

import dev.clipstream.schemas.avro.ClipUploaded;
import dev.clipstream.schemas.avro.GeoBoundingBox;
import dev.clipstream.schemas.avro.LabelSet;
import dev.clipstream.schemas.avro.ObjectClass;
import dev.clipstream.schemas.avro.ObjectCount;
import dev.clipstream.schemas.avro.ScenarioTag;
import dev.clipstream.schemas.avro.TimeOfDay;
import dev.clipstream.schemas.avro.TimeOfDayLabel;
import dev.clipstream.schemas.avro.Weather;
import dev.clipstream.schemas.avro.WeatherLabel;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.UUID;

/**
 * A stand-in for an auto-labeling model: labels follow from the clip's metadata, and what metadata cannot tell
 * (weather, exact counts, confidences) from a random generator seeded with the clip id. The same clip always gets
 * the same labels, so tests can predict them and replays reproduce them.
 * <ul>
 *   <li>time of day: local solar time from capture start and the longitude of the clip's box (night before 05:00
 *       and from 21:00, dawn until 07:00, dusk from 18:00); less confident within half an hour of a boundary;</li>
 *   <li>scenarios: from the trigger id (left-turn, construction, pedestrian, hard-brake, lane-change) and the mean
 *       speed (highway from 70 km/h, urban below 40 km/h); wet_road when it rains;</li>
 *   <li>weather: clear 55 %, cloudy 20 %, rain 13 %, fog 5 %, snow 5 %, hail 2 %;</li>
 *   <li>object counts: cars always, pedestrians and traffic lights in town, trucks on highways, cones in
 *       construction zones.</li>
 * </ul>
 */
public final class SimulatedLabeler implements Labeler {

    public static final String VERSION = "sim-labeler-1.0.0";

    @Override
    public String version() {
        return VERSION;
    }

    @Override
    public LabelSet label(ClipUploaded clip) {
        UUID id = clip.getClipId();
        SplittableRandom random = new SplittableRandom(id.getMostSignificantBits() ^ id.getLeastSignificantBits());
        WeatherLabel weather = weather(random);
        List<ScenarioTag> scenarios = scenarios(clip, weather.getCondition(), random);
        return LabelSet.newBuilder()
                .setScenarios(scenarios)
                .setWeather(weather)
                .setTimeOfDay(timeOfDay(clip, random))
                .setObjectCounts(objectCounts(scenarios, random))
                .setLabelerVersion(VERSION)
                .build();
    }

    private static TimeOfDayLabel timeOfDay(ClipUploaded clip, SplittableRandom random) {
        GeoBoundingBox box = clip.getLocation();
        double longitude = (box.getMinLongitude() + box.getMaxLongitude()) / 2;
        var utc = clip.getCaptureStart().atOffset(ZoneOffset.UTC);
        double hour = utc.getHour() + utc.getMinute() / 60.0 + longitude / 15.0;
        double solarHour = ((hour % 24) + 24) % 24;
        TimeOfDay period;
        if (solarHour < 5 || solarHour >= 21) {
            period = TimeOfDay.NIGHT;
        } else if (solarHour < 7) {
            period = TimeOfDay.DAWN;
        } else if (solarHour < 18) {
            period = TimeOfDay.DAY;
        } else {
            period = TimeOfDay.DUSK;
        }
        // Midnight is no boundary: the night period spans it.
        double toBoundary = Math.min(Math.abs(solarHour - 5), Math.min(Math.abs(solarHour - 7),
                Math.min(Math.abs(solarHour - 18), Math.abs(solarHour - 21))));
        double confidence = toBoundary < 0.5 ? 0.5 + random.nextDouble() * 0.15 : 0.8 + random.nextDouble() * 0.19;
        return TimeOfDayLabel.newBuilder().setPeriod(period).setConfidence(round(confidence)).build();
    }

    private static WeatherLabel weather(SplittableRandom random) {
        double draw = random.nextDouble();
        Weather condition;
        if (draw < 0.55) {
            condition = Weather.CLEAR;
        } else if (draw < 0.75) {
            condition = Weather.CLOUDY;
        } else if (draw < 0.88) {
            condition = Weather.RAIN;
        } else if (draw < 0.93) {
            condition = Weather.FOG;
        } else if (draw < 0.98) {
            condition = Weather.SNOW;
        } else {
            condition = Weather.HAIL;
        }
        return WeatherLabel.newBuilder().setCondition(condition)
                .setConfidence(round(0.5 + random.nextDouble() * 0.49)).build();
    }

    private static List<ScenarioTag> scenarios(ClipUploaded clip, Weather weather, SplittableRandom random) {
        String trigger = clip.getTriggerId().toLowerCase(Locale.ROOT);
        List<ScenarioTag> tags = new ArrayList<>();
        if (trigger.contains("left-turn")) {
            tags.add(tag("unprotected_left_turn", random));
        }
        if (trigger.contains("construction")) {
            tags.add(tag("construction_zone", random));
        }
        if (trigger.contains("pedestrian")) {
            tags.add(tag("pedestrian_crossing", random));
        }
        if (trigger.contains("hard-brake")) {
            tags.add(tag("hard_braking", random));
        }
        if (trigger.contains("lane-change")) {
            tags.add(tag("lane_change", random));
        }
        float meanKph = clip.getSpeed().getMeanKph();
        if (meanKph >= 70) {
            tags.add(tag("highway", random));
        } else if (meanKph < 40) {
            tags.add(tag("urban", random));
        }
        if (weather == Weather.RAIN) {
            tags.add(tag("wet_road", random));
        }
        return tags;
    }

    private static List<ObjectCount> objectCounts(List<ScenarioTag> scenarios, SplittableRandom random) {
        boolean urban = has(scenarios, "urban");
        List<ObjectCount> counts = new ArrayList<>();
        counts.add(count(ObjectClass.CAR, urban ? 5 + random.nextInt(26) : random.nextInt(16), random));
        if (urban || has(scenarios, "pedestrian_crossing")) {
            counts.add(count(ObjectClass.PEDESTRIAN, 1 + random.nextInt(12), random));
            counts.add(count(ObjectClass.TRAFFIC_LIGHT, random.nextInt(6), random));
        }
        if (has(scenarios, "highway")) {
            counts.add(count(ObjectClass.TRUCK, random.nextInt(8), random));
        }
        if (has(scenarios, "construction_zone")) {
            counts.add(count(ObjectClass.TRAFFIC_CONE, 5 + random.nextInt(36), random));
        }
        return counts;
    }

    private static boolean has(List<ScenarioTag> scenarios, String tag) {
        return scenarios.stream().anyMatch(s -> s.getTag().equals(tag));
    }

    private static ScenarioTag tag(String name, SplittableRandom random) {
        return ScenarioTag.newBuilder().setTag(name).setConfidence(round(0.55 + random.nextDouble() * 0.44)).build();
    }

    private static ObjectCount count(ObjectClass objectClass, int count, SplittableRandom random) {
        return ObjectCount.newBuilder().setObjectClass(objectClass).setCount(count)
                .setConfidence(round(0.6 + random.nextDouble() * 0.39)).build();
    }

    private static double round(double confidence) {
        return Math.round(confidence * 1000) / 1000.0;
    }
}
