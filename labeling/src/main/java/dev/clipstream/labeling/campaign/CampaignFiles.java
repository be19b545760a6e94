package dev.clipstream.labeling.campaign;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.clipstream.schemas.avro.Camera;
import dev.clipstream.schemas.avro.Campaign;
import dev.clipstream.schemas.avro.CampaignStatus;
import dev.clipstream.schemas.avro.GeoBoundingBox;
import dev.clipstream.schemas.avro.TimeOfDay;
import dev.clipstream.schemas.avro.TriggerRule;
import dev.clipstream.schemas.avro.Weather;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Reads campaigns from a JSON or YAML file (by extension .yaml/.yml, else JSON): one object or a list. Field
 * names are those of the Campaign and TriggerRule records (docs/campaigns.md has an example); status defaults
 * to ACTIVE, priority to 0, createdAt to now, expiresAt to none. Every problem names the field.
 */
public final class CampaignFiles {

    private CampaignFiles() {
    }

    public static List<Campaign> read(Path file, Instant now) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        ObjectMapper mapper = name.endsWith(".yaml") || name.endsWith(".yml")
                ? new ObjectMapper(new YAMLFactory()) : new ObjectMapper();
        JsonNode root;
        try {
            root = mapper.readTree(file.toFile());
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot read campaign file " + file + ": " + e.getMessage(), e);
        }
        if (root == null || root.isMissingNode()) {
            throw new IllegalArgumentException("Campaign file " + file + " is empty");
        }
        List<Campaign> campaigns = new ArrayList<>();
        if (root.isArray()) {
            for (int i = 0; i < root.size(); i++) {
                campaigns.add(parse(root.get(i), file + "[" + i + "]", now));
            }
        } else {
            campaigns.add(parse(root, file.toString(), now));
        }
        return campaigns;
    }

    static Campaign parse(JsonNode node, String where, Instant now) {
        if (!node.isObject()) {
            throw new IllegalArgumentException(where + ": a campaign must be an object");
        }
        JsonNode trigger = node.path("trigger");
        TriggerRule.Builder rule = TriggerRule.newBuilder()
                .setTriggerIds(strings(trigger, "triggerIds", where))
                .setCameras(enums(trigger, "cameras", where, Camera::valueOf))
                .setScenarioTags(strings(trigger, "scenarioTags", where))
                .setWeather(enums(trigger, "weather", where, Weather::valueOf))
                .setTimesOfDay(enums(trigger, "timesOfDay", where, TimeOfDay::valueOf))
                .setMinLabelConfidence(trigger.path("minLabelConfidence").asDouble(0.0));
        if (trigger.hasNonNull("minSpeedKph")) {
            rule.setMinSpeedKph((float) trigger.get("minSpeedKph").asDouble());
        }
        if (trigger.hasNonNull("maxSpeedKph")) {
            rule.setMaxSpeedKph((float) trigger.get("maxSpeedKph").asDouble());
        }
        if (trigger.hasNonNull("region")) {
            JsonNode region = trigger.get("region");
            rule.setRegion(new GeoBoundingBox(number(region, "minLatitude", where + ".trigger.region"),
                    number(region, "minLongitude", where + ".trigger.region"),
                    number(region, "maxLatitude", where + ".trigger.region"),
                    number(region, "maxLongitude", where + ".trigger.region")));
        }
        Campaign.Builder campaign = Campaign.newBuilder()
                .setCampaignId(text(node, "campaignId", where))
                .setName(node.path("name").asText(node.path("campaignId").asText()))
                .setDescription(node.path("description").asText(""))
                .setTrigger(rule.build())
                .setTargetClipCount(positiveInt(node, "targetClipCount", where))
                .setPriority(node.path("priority").asInt(0))
                .setStatus(node.hasNonNull("status")
                        ? enumValue(node.get("status").asText(), where + ".status", CampaignStatus::valueOf)
                        : CampaignStatus.ACTIVE)
                .setCreatedAt(node.hasNonNull("createdAt") ? instant(node, "createdAt", where)
                        : now.truncatedTo(ChronoUnit.MILLIS))
                .setExpiresAt(node.hasNonNull("expiresAt") ? instant(node, "expiresAt", where) : null);
        return CampaignValidation.validated(campaign.build());
    }

    private static String text(JsonNode node, String field, String where) {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank()) {
            throw new IllegalArgumentException(where + "." + field + " is missing or not a non-blank string");
        }
        return value.asText();
    }

    private static int positiveInt(JsonNode node, String field, String where) {
        JsonNode value = node.get(field);
        if (value == null || !value.canConvertToInt() || value.asInt() <= 0) {
            throw new IllegalArgumentException(where + "." + field + " is missing or not a positive integer");
        }
        return value.asInt();
    }

    private static double number(JsonNode node, String field, String where) {
        JsonNode value = node.get(field);
        if (value == null || !value.isNumber()) {
            throw new IllegalArgumentException(where + "." + field + " is missing or not a number");
        }
        return value.asDouble();
    }

    private static Instant instant(JsonNode node, String field, String where) {
        try {
            return Instant.parse(node.get(field).asText()).truncatedTo(ChronoUnit.MILLIS);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(where + "." + field + " is not an ISO-8601 instant such as "
                    + "2027-01-31T23:59:59Z: '" + node.get(field).asText() + "'");
        }
    }

    private static List<String> strings(JsonNode node, String field, String where) {
        List<String> values = new ArrayList<>();
        JsonNode array = node.path(field);
        if (array.isMissingNode() || array.isNull()) {
            return values;
        }
        if (!array.isArray()) {
            throw new IllegalArgumentException(where + ".trigger." + field + " must be a list");
        }
        array.forEach(item -> values.add(item.asText()));
        return values;
    }

    private static <E extends Enum<E>> List<E> enums(JsonNode node, String field, String where,
                                                     Function<String, E> parse) {
        return strings(node, field, where).stream()
                .map(text -> enumValue(text, where + ".trigger." + field, parse)).toList();
    }

    static <E extends Enum<E>> E enumValue(String text, String where, Function<String, E> parse) {
        try {
            return parse.apply(text.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": unknown value '" + text + "'");
        }
    }
}
